package storetest

import "os"

func mkdir(dir string) error { return os.MkdirAll(dir, 0o700) }

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }
