//go:build !unix

package whatsapp

import "os"

// lockFile cannot lock here: only the Redis lease keeps processes apart.
func lockFile(*os.File) (bool, error) { return true, nil }
