package stats

import (
	metro "github.com/dgryski/go-metro"
)

// hashSeed is fixed so that hashes, and everything chosen by hash (samples,
// folded levels), are the same on every run and every machine.
const hashSeed = 0x5a61_6c69_6700_0001

// HashBytes returns a 64-bit hash of b, stable across runs.
func HashBytes(b []byte) uint64 { return metro.Hash64(b, hashSeed) }

// HashUint64 returns a 64-bit hash of x, stable across runs: the SplitMix64
// finaliser (Steele, Lea, Flood 2014), a bijection that mixes every input
// bit into every output bit.
func HashUint64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
