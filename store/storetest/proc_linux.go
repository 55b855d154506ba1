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

// signal stops (SIGSTOP) or continues (SIGCONT) the process.
func signal(cmd *exec.Cmd, stop bool) error {
	if stop {
		return cmd.Process.Signal(syscall.SIGSTOP)
	}
	return cmd.Process.Signal(syscall.SIGCONT)
}
