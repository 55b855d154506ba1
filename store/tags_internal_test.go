package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// redisCRC16 is Redis' own CRC16 (crc16.c: XMODEM, table-driven), written
// apart from slot so that the test does not check the code with itself.
func redisCRC16(s string) uint16 {
	var table [256]uint16
	for i := range 256 {
		c := uint16(i) << 8
		for range 8 {
			if c&0x8000 != 0 {
				c = c<<1 ^ 0x1021
			} else {
				c <<= 1
			}
		}
		table[i] = c
	}
	var crc uint16
	for i := 0; i < len(s); i++ {
		crc = crc<<8 ^ table[byte(crc>>8)^s[i]]
	}
	return crc
}

func TestSlotIsRedisSlot(t *testing.T) {
	// Redis' crc16.c test vector, and slots CLUSTER KEYSLOT answers.
	if c := redisCRC16("123456789"); c != 0x31c3 {
		t.Fatalf("crc16(123456789) = %#x", c)
	}
	for key, want := range map[string]int{"123456789": 0x31c3 % 16384, "foo": 12182, "bar": 5061, "somekey": 11058, "hello": 866} {
		if got := slot(key); got != want {
			t.Errorf("slot(%q) = %d, Redis says %d", key, got, want)
		}
	}
}

// The shards' tags are the layout: a change here strands every contact's
// keys in slots nobody reads. Each tag is the first c:N.k in the N-th
// 1/256 of the slots.
func TestShardTagsAreSlotSpaced(t *testing.T) {
	const width = 16384 / Shards
	seen := map[string]bool{}
	for n := range Shards {
		tag := ShardTag(n)
		if s := int(redisCRC16(tag)) % 16384; s/width != n {
			t.Errorf("shard %d: tag %s in slot %d, not in [%d, %d)", n, tag, s, n*width, (n+1)*width)
		}
		var k int
		if _, err := fmt.Sscanf(tag, fmt.Sprintf("c:%d.%%d", n), &k); err != nil {
			t.Fatalf("shard %d: tag %s is not c:%d.k", n, tag, n)
		}
		for j := range k {
			if s := int(redisCRC16(fmt.Sprintf("c:%d.%d", n, j))) % 16384; s/width == n {
				t.Errorf("shard %d: c:%d.%d is in range before %s", n, n, j, tag)
			}
		}
		if seen[tag] {
			t.Errorf("tag %s twice", tag)
		}
		seen[tag] = true
	}
	var all strings.Builder
	for n := range Shards {
		all.WriteString(ShardTag(n) + "\n")
	}
	sum := sha256.Sum256([]byte(all.String()))
	if got := hex.EncodeToString(sum[:]); got != pinnedTags {
		t.Errorf("the table of tags changed: sha256 %s, pinned %s; first tags %s %s %s", got, pinnedTags, ShardTag(0), ShardTag(1), ShardTag(255))
	}
	for n, want := range map[int]string{0: pin0, 17: pin17, 255: pin255} {
		if ShardTag(n) != want {
			t.Errorf("shard %d: tag %s, pinned %s", n, ShardTag(n), want)
		}
	}
}

const (
	pinnedTags = "b62485b9399c9aac6f376d8441330ca7a444af551a10e97bc9ffa9713ba5ed4c"
	pin0       = "c:0.217"
	pin17      = "c:17.10"
	pin255     = "c:255.33"
)

// Contacts spread over every shard, and so over every slot range: on
// masters owning equal contiguous ranges, each holds its share.
func TestContactsSpreadOverTheSlots(t *testing.T) {
	k := NewKeys("")
	const contacts, masters = 30000, 3
	perMaster := make([]int, masters)
	shards := map[int]bool{}
	for i := range contacts {
		key := k.ContactKey(fmt.Sprintf("telegram:%d", i), "in")
		tag := key[strings.Index(key, "{")+1 : strings.Index(key, "}")]
		s := int(redisCRC16(tag)) % 16384
		shards[s/(16384/Shards)] = true
		perMaster[s*masters/16384]++
	}
	if len(shards) != Shards {
		t.Errorf("contacts in %d shards of %d", len(shards), Shards)
	}
	for m, n := range perMaster {
		if share := float64(n) * masters / contacts; share < 0.95 || share > 1.05 {
			t.Errorf("master %d of %d holds %d contacts of %d (%.2f of its share)", m, masters, n, contacts, share)
		}
	}
}
