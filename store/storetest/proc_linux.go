package storetest

import (
	"os/exec"
	"syscall"
)

// setDeathSignal kills the server when the test binary dies, so a test
// killed by a timeout leaves no Redis behind.
func setDeathSignal(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
