package main

// withEnv is env with k set to v.
func withEnv(env map[string]string, k, v string) map[string]string {
	env[k] = v
	return env
}
