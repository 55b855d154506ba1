//go:build !linux

package storetest

import (
	"errors"
	"os/exec"
)

func setDeathSignal(*exec.Cmd) {}

func signal(*exec.Cmd, bool) error { return errors.New("no SIGSTOP on this system") }
