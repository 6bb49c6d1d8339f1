// SPDX-License-Identifier: GPL-2.0
/*
 * roc-fuzz - structure-aware fuzzer of roc's ioctl, mmap, poll and netlink
 * interfaces (issue 7).
 *
 *   roc-fuzz [--calls N] [--procs N] [--seed S] [--time S] [--all]
 *            [--verbose] [DEVICE...]
 *
 * Forks --procs workers (worker i uses seed S + i, so a run is reproducible
 * with --seed), each doing its share of --calls random operations on every
 * simulated endpoint (all /dev/rocN with ROC_INFO_FLAG_SIMULATED unless
 * devices are named; --all takes real cards too), concurrently, while the
 * simulated cards DMA:
 *
 *  - device fd: ROC_GET_INFO, ROC_GET_BAR_INFO, ROC_REG_BATCH,
 *    ROC_CHANNEL_OPEN, ROC_CHANNEL_QUERY, random ioctl numbers;
 *  - channel fd: buffer register (anonymous, 2 MiB hugepage memfd, shmem,
 *    read-only, PROT_NONE, unmapped, a BAR mapping, unaligned, huge) and
 *    unregister, start/stop/reset, push and pop batches, status, poll,
 *    random ioctl numbers, close;
 *  - channel rings (issue 14): setup, entries published and changed after
 *    publication, enter with bad argsz/flags, garbage indices, rings
 *    unmapped mid-run and touched, bad ring mappings, PUSH/POP on a ring
 *    channel, close with entries in flight;
 *  - mmap of random BARs, offsets, lengths and protections, reads through
 *    the mapping, mprotect, munmap;
 *  - generic netlink: dev-get do and dump, and random commands, flags and
 *    attributes (types, lengths, nesting) to the "roc" family.
 *
 * Structures are valid-ish: argsz around the boundaries, flag bits,
 * reserved and output fields, ids, counts, offsets near 2^32 and 2^64, and
 * pointers to valid memory (placed flush against an inaccessible page, so
 * that any read or write past the structure faults), read-only, unmapped,
 * NULL or kernel memory.
 *
 * Invariants checked on every call (a violation is printed with worker,
 * seed and call number, and fails the run):
 *  - the errno is one the uapi documents for that call; unknown ioctls
 *    fail with ENOTTY;
 *  - never EFAULT when every pointer was valid, never EFAULT from an _IOW
 *    ioctl given read-only memory, never a write into read-only memory;
 *  - a fully valid call (GET_INFO, QUERY, STATUS, STOP, a push of a free
 *    superpage into a hugepage buffer while running with room) succeeds;
 *  - every popped superpage is one this worker pushed (cookie, buffer,
 *    offset and size match), lies inside its registered buffer, came back
 *    once, received <= size, only known flags; after ROC_DMA_STOP every
 *    superpage pushed comes back; EFAULT from push or pop loses nothing;
 *  - rings: every published entry comes back once, as a result or refused
 *    with a documented errno; after a stop and moves, none is missing;
 *  - DMA never writes the guard area at the end of a buffer that no
 *    successful push covered;
 *  - netlink answers are well-formed, errors are documented ones;
 *  - workers end by themselves (no signal, no hang).
 *
 * Prints calls per type, the errno histogram and a TAP summary.  Workers
 * drop CAP_SYS_RAWIO (the descriptor registers stay out of reach: with it,
 * pointing the card at any memory is allowed by design) and CAP_IPC_LOCK
 * (memlock is charged, limited to 64 MiB per worker).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stddef.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/roc.h>
#include <linux/roc_netlink.h>

#ifndef MFD_HUGETLB
#define MFD_HUGETLB	0x0004U
#endif
#define HUGE_2MB	(21U << 26)
#define KiB		1024ULL
#define MiB		(1024 * KiB)
#define PAGE		4096UL

#define MAX_DEVS	16
#define MAX_CHANS	4	/* channels a worker holds at once */
#define MAX_BUFS	8	/* buffers per channel the worker keeps */
#define MAX_MAPS	16
#define MAX_INFLIGHT	4096

/* ---- operations and statistics ------------------------------------------ */

enum op {
	OP_GET_INFO, OP_GET_BAR_INFO, OP_REG_BATCH, OP_CHAN_OPEN, OP_CHAN_QUERY,
	OP_DEV_BAD_IOCTL, OP_BUF_REG, OP_BUF_UNREG, OP_START, OP_STOP,
	OP_RESET, OP_PUSH, OP_POP, OP_STATUS, OP_POLL, OP_CHAN_BAD_IOCTL,
	OP_CHAN_CLOSE, OP_MMAP, OP_MPROTECT, OP_MUNMAP, OP_NL_DO, OP_NL_DUMP,
	OP_NL_RANDOM, OP_DEV_REOPEN,
	OP_RING_SETUP, OP_RING_PUSH, OP_RING_ENTER, OP_RING_CONSUME,
	OP_RING_INDEX, OP_RING_MMAP, OP_RING_IOCTL,
	OP_COUNT
};

static const char *const op_names[OP_COUNT] = {
	"GET_INFO", "GET_BAR_INFO", "REG_BATCH", "CHANNEL_OPEN",
	"CHANNEL_QUERY", "dev: unknown ioctl", "BUFFER_REGISTER",
	"BUFFER_UNREGISTER", "DMA_START", "DMA_STOP", "DMA_RESET", "PUSH",
	"POP", "CHANNEL_STATUS", "poll", "chan: unknown ioctl", "chan: close",
	"mmap", "mprotect", "munmap", "netlink dev-get do",
	"netlink dev-get dump", "netlink random", "dev: reopen",
	"RING_SETUP", "ring: publish", "RING_ENTER", "ring: consume",
	"ring: bad index", "ring: (un)map", "ring: PUSH/POP/SETUP",
};

#define MAX_ERRNO	160

struct stats {
	uint64_t calls[OP_COUNT];
	uint64_t err[OP_COUNT][MAX_ERRNO];	/* [0]: success */
	uint64_t ns[OP_COUNT];			/* time spent */
	uint64_t pushed, popped, popped_done, bytes, dma_starts, buffers;
	uint64_t rings, ring_pub, ring_refused;
	uint64_t violations;
	uint64_t nl_msgs;
	int done;
	char first_violation[512];
};

static struct stats *all_stats;	/* shared with the parent */
static struct stats *st;		/* this worker's */
static int worker;
static uint64_t worker_seed;
static uint64_t ncall;
static int verbose;

/* xorshift64* */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint64_t rn(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static bool chance(unsigned int percent)
{
	return rn(100) < percent;
}

static void violation(const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!st->violations++)
		snprintf(st->first_violation, sizeof(st->first_violation),
			 "worker %d (seed %" PRIu64 ") call %" PRIu64 ": %s",
			 worker, worker_seed, ncall, msg);
	fprintf(stderr, "# VIOLATION worker %d seed %" PRIu64 " call %" PRIu64
		": %s\n", worker, worker_seed, ncall, msg);
}

/* Record the outcome of a call: 0 or an errno. */
static enum op last_op;

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

static void count(enum op op, int err)
{
	last_op = op;
	st->calls[op]++;
	st->err[op][err < MAX_ERRNO ? err : MAX_ERRNO - 1]++;
	ncall++;
}

/* Is @err one of the errnos listed (0-terminated)? */
static bool err_in(int err, const int *allowed)
{
	for (; *allowed; allowed++)
		if (*allowed == err)
			return true;
	return false;
}

#define ALLOWED(...) ((const int[]){ __VA_ARGS__, 0 })

static void check_err(enum op op, int err, const int *allowed,
		      const char *ctx)
{
	count(op, err);
	if (err && !err_in(err, allowed))
		violation("%s: unexpected errno %d (%s) %s", op_names[op], err,
			  strerror(err), ctx ? ctx : "");
}

/* ---- memory for arguments ------------------------------------------------- */

/*
 * An arena of 16 read-write pages followed by an inaccessible page: a
 * structure placed flush against its end faults on any access past it.
 * A second arena is read-only.
 */
#define ARENA_PAGES	16
static uint8_t *arena_rw[2], *arena_ro[2], *unmapped;

static void arena_init(void)
{
	size_t a = (ARENA_PAGES + 1) * PAGE;
	uint8_t *p = mmap(NULL, 4 * a + PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	int i;

	if (p == MAP_FAILED) {
		perror("roc-fuzz: mmap arena");
		exit(1);
	}
	for (i = 0; i < 4; i++) {
		uint8_t *q = p + i * a;

		mprotect(q + ARENA_PAGES * PAGE, PAGE, PROT_NONE);
		if (i < 2) {
			arena_rw[i] = q;
		} else {
			arena_ro[i - 2] = q;
			mprotect(q, ARENA_PAGES * PAGE, PROT_READ);
		}
	}
	/* Inaccessible for good: a later mmap() must not land there. */
	unmapped = p + 4 * a;
	mprotect(unmapped, PAGE, PROT_NONE);
}

enum ptr_kind { P_VALID, P_READONLY, P_NULL, P_UNMAPPED, P_KERNEL, P_SHORT,
		P_ODD };

/* A pointer kind: mostly valid. */
static enum ptr_kind pick_ptr(unsigned int bad_percent)
{
	static const enum ptr_kind bad[] = { P_READONLY, P_NULL, P_UNMAPPED,
					     P_KERNEL, P_SHORT, P_ODD };

	if (!chance(bad_percent))
		return P_VALID;
	return bad[rn(sizeof(bad) / sizeof(bad[0]))];
}

/*
 * Where to put @size bytes of @data for pointer kind @k.  P_VALID and
 * P_ODD (unaligned) give writable memory that ends at the guard page,
 * P_SHORT one whose last 8 bytes are cut off by it.
 */
static void *place_in(int slot, enum ptr_kind k, const void *data,
		      size_t size)
{
	uint8_t *end_rw = arena_rw[slot] + ARENA_PAGES * PAGE;
	uint8_t *ro = arena_ro[slot];
	uint8_t *p;

	switch (k) {
	case P_VALID:
		p = end_rw - size;
		memcpy(p, data, size);
		return p;
	case P_ODD:
		p = end_rw - size - 1 - rn(7);
		memcpy(p, data, size);
		return p;
	case P_SHORT:
		p = end_rw - size + (size > 8 ? 8 : size);
		memcpy(p, data, end_rw - p);
		return p;
	case P_READONLY:
		p = ro + ARENA_PAGES * PAGE - size;
		mprotect(ro, ARENA_PAGES * PAGE, PROT_READ | PROT_WRITE);
		memcpy(p, data, size);
		mprotect(ro, ARENA_PAGES * PAGE, PROT_READ);
		return p;
	case P_NULL:
		return NULL;
	case P_UNMAPPED:
		return unmapped + rn(PAGE);
	case P_KERNEL:
	default:
		return (void *)(uintptr_t)(0xffff888000000000ULL + rn(1 << 20) * 8);
	}
}

/*
 * Structures that grew.  A caller built against a newer header passes a
 * larger argsz with its new fields after ours.  fuzz_argsz() picks the
 * argsz and, for a larger one, what place() puts after the structure:
 * zeros (the kernel must take it as if argsz were ours) or a non-zero byte
 * (E2BIG).  An argsz reaching past that tail makes the kernel read up to
 * the guard page: EFAULT, or E2BIG when it meets a non-zero byte first.
 */
#define MAX_TAIL	4096

static struct {
	size_t size;		/* the structure it was picked for */
	uint32_t argsz;
	size_t tail;		/* bytes place() puts after the structure */
	size_t dirty_at;	/* a non-zero tail byte there, or SIZE_MAX */
	bool beyond;		/* argsz reaches past the tail */
} grow;

/* What place() last put into slot 0, for fz_ioctl(). */
static struct {
	void *p;
	enum ptr_kind kind;
	size_t size;
	uint32_t argsz;
	bool grown;		/* with the tail of @grow */
} placed;

static bool grow_applies(uint32_t argsz, size_t size)
{
	return grow.size == size && grow.argsz == argsz && argsz > size;
}

/* Does the kernel take a structure of @size with @argsz as its own? */
static bool arg_ok(uint32_t argsz, size_t size)
{
	if (argsz == size)
		return true;
	return grow_applies(argsz, size) && grow.dirty_at == SIZE_MAX &&
	       !grow.beyond;
}

/* The last structure placed has an argsz that reaches the guard page. */
static bool arg_reaches_guard(void)
{
	return placed.grown && grow.beyond;
}

/* Structures in slot 0, the arrays they point to in slot 1. */
static void *place(enum ptr_kind k, const void *data, size_t size)
{
	static uint8_t tmp[MAX_TAIL + 512];
	uint32_t argsz = *(const uint32_t *)data;
	size_t total = size;

	placed.kind = k;
	placed.size = size;
	placed.argsz = argsz;
	placed.grown = grow_applies(argsz, size) && k != P_SHORT &&
		       size + grow.tail <= sizeof(tmp);
	if (placed.grown) {
		total = size + grow.tail;
		memcpy(tmp, data, size);
		memset(tmp + size, 0, grow.tail);
		if (grow.dirty_at != SIZE_MAX)
			tmp[size + grow.dirty_at] = 1 + rn(255);
		data = tmp;
	}
	placed.p = place_in(0, k, data, total);
	return placed.p;
}

static void *place_array(enum ptr_kind k, const void *data, size_t size)
{
	return place_in(1, k, data, size);
}

/* Are pointers of kind @k good for @size bytes read and written? */
static bool ptr_ok(enum ptr_kind k)
{
	return k == P_VALID || k == P_ODD;
}

static bool ptr_readable(enum ptr_kind k)
{
	return ptr_ok(k) || k == P_READONLY;
}

/* ---- interesting numbers --------------------------------------------------- */

static uint64_t interesting64(void)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256,
		4095, 4096, 4097, 8192, 32767, 32768, 32769, 65536, 1 << 20,
		2 << 20, 16 << 20, (16 << 20) - 32768, (16 << 20) + 32768,
		0x7fffffffULL, 0x80000000ULL, 0xfffff000ULL, 0xfffffffcULL,
		0xffffffffULL, 0x100000000ULL, 0x100001000ULL, 1ULL << 40,
		(1ULL << 40) - 4096, (1ULL << 40) + 4096, 1ULL << 52,
		0x7fffffffffffffffULL, 0x8000000000000000ULL,
		0xfffffffffffff000ULL, 0xffffffffffff8000ULL,
		0xfffffffffffffffcULL, 0xffffffffffffffffULL,
	};

	if (chance(15))
		return rnd();
	if (chance(15))
		return rn(1 << 16);
	return v[rn(sizeof(v) / sizeof(v[0]))];
}

static uint32_t interesting32(void)
{
	return (uint32_t)interesting64();
}

/*
 * argsz: mostly right, otherwise around the boundaries or grown (see
 * grow); the tail of a grown one is zero half the time.
 */
static uint32_t fuzz_argsz(uint32_t size, bool *ok)
{
	uint32_t v;

	switch (rn(14)) {
	case 0: v = 0; break;
	case 1: v = size - 1; break;
	case 2: v = size - 4; break;
	case 3: v = size + 1; break;
	case 4: v = size + 8; break;
	case 5: v = size + 8 * (1 + rn(64)); break;
	case 6: v = size + 1 + rn(MAX_TAIL); break;
	case 7: v = 4096; break;
	case 8: v = 0xffffffff; break;
	case 9: v = interesting32(); break;
	default: v = size; break;
	}
	memset(&grow, 0, sizeof(grow));
	grow.size = size;
	grow.argsz = v;
	grow.dirty_at = SIZE_MAX;
	if (v > size) {
		grow.beyond = v - size > MAX_TAIL;
		grow.tail = grow.beyond ? MAX_TAIL : v - size;
		if (chance(50))
			grow.dirty_at = rn(grow.tail);
	}
	*ok = arg_ok(v, size);
	return v;
}

/*
 * ioctl() on the structure place() put last, returning 0 or the errno;
 * checks the growth rules: an argsz below the structure is EINVAL, a
 * non-zero byte in a grown tail E2BIG, a clean tail reaching past the
 * guard page EFAULT (uapi/linux/roc.h, "How the structures grow").
 */
static int fz_ret;	/* what the last fz_ioctl() returned on success */
/* The first version's size when the structure grew since (else 0). */
static size_t fz_first;

static int fz_ioctl(enum op op, int fd, unsigned long cmd, void *p)
{
	int err, want = 0;

	fz_ret = ioctl(fd, cmd, p);
	err = fz_ret < 0 ? errno : 0;

	if (p != placed.p || !ptr_readable(placed.kind) ||
	    placed.kind == P_SHORT)
		return err;
	if (placed.argsz < (fz_first ? fz_first : placed.size))
		want = EINVAL;
	else if (placed.argsz < placed.size)
		want = 0;	/* an older caller's structure */
	else if (placed.grown && grow.dirty_at != SIZE_MAX)
		want = E2BIG;
	else if (placed.grown && grow.beyond)
		want = placed.kind == P_ODD ? -1 : EFAULT;
	if (!want)
		return err;
	if (want < 0 ? err != EFAULT && err != E2BIG : err != want)
		violation("%s: argsz %u for a structure of %zu (tail %zu%s%s):"
			  " %s, expected %s", op_names[op], placed.argsz,
			  placed.size, placed.grown ? grow.tail : 0,
			  placed.grown && grow.dirty_at != SIZE_MAX ?
			  ", not zero" : "", placed.grown && grow.beyond ?
			  ", reaching the guard page" : "",
			  err ? strerror(err) : "success",
			  want < 0 ? "EFAULT or E2BIG" : strerror(want));
	return err;
}

/* ---- devices --------------------------------------------------------------- */

struct bar {
	uint64_t size;
	uint32_t flags;
	uint32_t num_prot;
	struct roc_window prot[ROC_MAX_PROT_WINDOWS];
};

struct dev {
	char path[64];
	int fd;
	bool rdonly;
	struct roc_info info;
	struct bar bars[ROC_MAX_BARS];
};

static struct dev devs[MAX_DEVS];
static int ndevs;

static int dev_open(struct dev *d, bool rdonly)
{
	d->fd = open(d->path, rdonly ? O_RDONLY : O_RDWR);
	d->rdonly = rdonly;
	return d->fd < 0 ? -errno : 0;
}

static int dev_probe(struct dev *d)
{
	unsigned int i;

	if (dev_open(d, false))
		return -1;
	memset(&d->info, 0, sizeof(d->info));
	d->info.argsz = sizeof(d->info);
	if (ioctl(d->fd, ROC_GET_INFO, &d->info))
		goto err;
	for (i = 0; i < d->info.num_bars && i < ROC_MAX_BARS; i++) {
		struct roc_bar_info bi = { .argsz = sizeof(bi), .index = i };

		if (ioctl(d->fd, ROC_GET_BAR_INFO, &bi))
			goto err;
		d->bars[i].size = bi.size;
		d->bars[i].flags = bi.flags;
		d->bars[i].num_prot = bi.num_prot;
		memcpy(d->bars[i].prot, bi.prot, sizeof(bi.prot));
	}
	return 0;
err:
	close(d->fd);
	d->fd = -1;
	return -1;
}

/* ---- channels, buffers, superpages ----------------------------------------- */

enum mem_kind { M_ANON, M_HUGE, M_SHMEM, M_RDONLY, M_NONE, M_UNMAPPED,
		M_BAR, M_UNALIGNED, M_HUGE_SIZE, M_WRAP, M_ZERO, M_KINDS };

static const char *const mem_names[M_KINDS] = {
	"anonymous", "2 MiB hugepage memfd", "shmem memfd", "read-only",
	"PROT_NONE", "unmapped", "BAR mapping", "unaligned", "huge size",
	"wrapping", "size 0",
};

struct buf {
	bool used;
	uint32_t id;
	uint8_t *mem;		/* our mapping, to unmap */
	size_t map_len;
	uint64_t size;		/* registered bytes */
	bool huge;
	uint64_t guard;		/* guard area: [guard, size) */
	bool guard_touched;	/* a push covered it */
	uint32_t nr_segments;
	uint64_t max_segment;
	int pool_slot, pool_n;	/* hugepage pool slots, or n = 0 */
};

struct sp {
	uint64_t cookie;
	uint32_t buf;
	uint64_t offset;
	uint64_t size;
	bool maybe;		/* pushed by a call whose count was lost */
	/*
	 * Rings: a push entry changed after it was published comes back
	 * under either cookie, its fields possibly mixed.
	 */
	bool mutated;
	uint64_t alt;		/* the second cookie, 0: none */
	uint32_t alt_buf;
};

struct chan {
	bool used;
	int fd;
	struct dev *dev;
	uint32_t index;
	bool running;		/* as far as we know */
	struct buf bufs[MAX_BUFS];
	struct sp inflight[MAX_INFLIGHT];
	unsigned int ninflight;
	/* Push and ready rings (issue 14), once ROC_RING_SETUP took. */
	bool ring;
	struct roc_ring_setup rs;
	uint8_t *pmap, *rmap;	/* the mappings, NULL while unmapped */
	uint32_t prod;		/* our push producer */
	uint32_t rcons;		/* our ready consumer */
};

static struct chan chans[MAX_CHANS];
static uint64_t next_cookie;
static bool buf_inflight(struct chan *c, uint32_t id);

struct map {
	bool used;
	void *addr;
	size_t len;
	int prot;
	struct dev *dev;
	bool rawio_needed;
	bool rdonly;
};

static struct map maps[MAX_MAPS];

#define GUARD_BYTE	0xa5

static struct chan *pick_chan(void)
{
	unsigned int i, n = 0, start = rn(MAX_CHANS);

	for (i = 0; i < MAX_CHANS; i++) {
		struct chan *c = &chans[(start + i) % MAX_CHANS];

		if (c->used)
			return c;
		n++;
	}
	return NULL;
}

static struct buf *buf_by_id(struct chan *c, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < MAX_BUFS; i++)
		if (c->bufs[i].used && c->bufs[i].id == id)
			return &c->bufs[i];
	return NULL;
}

static void guard_check(struct chan *c, struct buf *b)
{
	uint64_t i;

	if (b->guard_touched || !b->mem || b->guard >= b->size)
		return;
	for (i = b->guard; i < b->size; i++)
		if (b->mem[i] != GUARD_BYTE) {
			violation("channel %s/%u buffer %u: DMA wrote byte %" PRIu64
				  " of the guard area [%" PRIu64 ", %" PRIu64
				  ") no push covered (0x%02x)", c->dev->path,
				  c->index, b->id, i, b->guard, b->size,
				  b->mem[i]);
			return;
		}
}

/*
 * Hugepage memory comes from a pool of POOL_SLOTS 2 MiB pages per worker,
 * allocated once: a memfd and MAP_POPULATE per buffer would make buffer
 * registration the most expensive call by far.
 */
#define POOL_SLOTS	8
static uint8_t *pool;
static bool pool_busy[POOL_SLOTS];
static bool pool_failed;

static uint8_t *pool_get(int n, int *slot)
{
	int i, j;

	if (!pool && !pool_failed) {
		int fd = memfd_create("roc-fuzz", MFD_HUGETLB | HUGE_2MB);

		if (fd >= 0 && !ftruncate(fd, POOL_SLOTS * 2 * MiB)) {
			pool = mmap(NULL, POOL_SLOTS * 2 * MiB,
				    PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_POPULATE, fd, 0);
			if (pool == MAP_FAILED)
				pool = NULL;
		}
		if (fd >= 0)
			close(fd);
		pool_failed = !pool;
	}
	if (!pool)
		return NULL;
	for (i = 0; i + n <= POOL_SLOTS; i++) {
		for (j = 0; j < n && !pool_busy[i + j]; j++)
			;
		if (j < n)
			continue;
		for (j = 0; j < n; j++)
			pool_busy[i + j] = true;
		*slot = i;
		return pool + i * 2 * MiB;
	}
	return NULL;
}

static void mem_release(uint8_t *mem, size_t len, int slot, int n)
{
	int j;

	if (n) {
		for (j = 0; j < n; j++)
			pool_busy[slot + j] = false;
	} else if (mem && len) {
		munmap(mem, len);
	}
}

static void buf_free_mem(struct buf *b)
{
	mem_release(b->mem, b->map_len, b->pool_slot, b->pool_n);
	memset(b, 0, sizeof(*b));
}

/* A popped (or drained) entry: must be one we pushed, once. */
static void check_popped(struct chan *c, const struct roc_ready *r)
{
	struct buf *b = buf_by_id(c, r->buf_id);
	unsigned int i;

	st->popped++;
	if (r->flags & ~(uint32_t)(ROC_READY_DONE | ROC_READY_PARTIAL |
				   ROC_READY_ERROR))
		violation("pop: unknown flags 0x%x", r->flags);
	if (r->received > r->size)
		violation("pop: received %u > size %u", r->received, r->size);
	if (r->reserved)
		violation("pop: reserved %u", r->reserved);
	if (!b) {
		violation("pop: buffer %u is not registered", r->buf_id);
	} else if (r->offset >= b->size || r->size > b->size - r->offset) {
		violation("pop: [%" PRIu64 ", +%u) outside buffer %u of %" PRIu64
			  " bytes", (uint64_t)r->offset, r->size, r->buf_id,
			  b->size);
	}
	if (r->flags & ROC_READY_DONE) {
		st->popped_done++;
		st->bytes += r->received;
	}
	for (i = 0; i < c->ninflight; i++) {
		struct sp *s = &c->inflight[i];

		if (s->cookie != r->cookie && !(s->alt && s->alt == r->cookie))
			continue;
		if (!s->mutated &&
		    (s->buf != r->buf_id || s->offset != r->offset ||
		     s->size != r->size))
			violation("pop: cookie %" PRIu64 " came back as buffer %u"
				  " [%" PRIu64 ", +%u), pushed as buffer %u [%"
				  PRIu64 ", +%" PRIu64 ")", (uint64_t)r->cookie,
				  r->buf_id, (uint64_t)r->offset, r->size,
				  s->buf, s->offset, s->size);
		c->inflight[i] = c->inflight[--c->ninflight];
		return;
	}
	violation("pop: cookie %" PRIu64 " (buffer %u offset %" PRIu64
		  ") was not pushed or came back twice", (uint64_t)r->cookie,
		  r->buf_id, (uint64_t)r->offset);
}

static int do_pop(struct chan *c, struct roc_ready *r, uint32_t max)
{
	struct roc_pop p = { .argsz = sizeof(p), .max = max,
			     .entries = (uintptr_t)r };
	int i;

	if (ioctl(c->fd, ROC_POP, &p))
		return -errno;
	for (i = 0; i < (int)p.count; i++)
		check_popped(c, &r[i]);
	return p.count;
}


/* ---- push and ready rings (issue 14) ------------------------------------------ */

/*
 * The fuzzer's side of the rings: it is the only producer of the push
 * ring and the only consumer of the ready ring, and keeps its own indices
 * (@prod, @rcons); what it writes into the rings' index words may be
 * garbage for a while (op_ring_index()).  Slots the kernel has consumed
 * are overwritten with a poison entry (cookie 0, size 0: refused) before
 * the push producer is corrupted, so a kernel that consumes a whole ring
 * of stale slots gets only poison, and every real entry still comes back
 * exactly once: accepted, with a result, or refused, with its errno.
 */
#define RING_POISON	0	/* the cookie of a poison entry */

static volatile uint32_t *ring_word(uint8_t *map, uint64_t off)
{
	return (volatile uint32_t *)(map + off);
}

#define PUSH_PROD(c)	ring_word((c)->pmap, (c)->rs.push.producer)
#define PUSH_CONS(c)	ring_word((c)->pmap, (c)->rs.push.consumer)
#define PUSH_FLAGS(c)	ring_word((c)->pmap, (c)->rs.push.flags)
#define READY_PROD(c)	ring_word((c)->rmap, (c)->rs.ready.producer)
#define READY_CONS(c)	ring_word((c)->rmap, (c)->rs.ready.consumer)
#define READY_FLAGS(c)	ring_word((c)->rmap, (c)->rs.ready.flags)

static uint32_t load_acq(volatile uint32_t *w)
{
	return __atomic_load_n(w, __ATOMIC_ACQUIRE);
}

static void store_rel(volatile uint32_t *w, uint32_t v)
{
	__atomic_store_n(w, v, __ATOMIC_RELEASE);
}

static struct roc_superpage *push_slot(struct chan *c, uint32_t i)
{
	return (struct roc_superpage *)(c->pmap + c->rs.push.desc) +
	       (i & (c->rs.push_entries - 1));
}

/* Map ring @what of @len bytes at @off into *@map unless it is mapped. */
static bool ring_map_one(struct chan *c, uint8_t **map, const char *what,
			 uint64_t len, uint64_t off)
{
	void *a;

	if (*map)
		return true;
	a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, off);
	if (a == MAP_FAILED) {
		violation("mmap %s ring (%" PRIu64 " bytes at %" PRIu64 "): %s",
			  what, len, off, strerror(errno));
		return false;
	}
	*map = a;
	return true;
}

/* Map what is not mapped; false (and a violation) if mmap fails. */
static bool ring_map(struct chan *c)
{
	return ring_map_one(c, &c->pmap, "push", c->rs.push_size,
			    c->rs.push_mmap) &&
	       ring_map_one(c, &c->rmap, "ready", c->rs.ready_size,
			    c->rs.ready_mmap);
}

static void ring_unmap(struct chan *c)
{
	if (c->pmap)
		munmap(c->pmap, c->rs.push_size);
	if (c->rmap)
		munmap(c->rmap, c->rs.ready_size);
	c->pmap = NULL;
	c->rmap = NULL;
}

/* A ready-ring entry: a result or a refusal of something we published. */
static void ring_check_done(struct chan *c, const struct roc_ring_done *d)
{
	static const int refused[] = { EPIPE, ENOSPC, ENOENT, ERANGE, EMSGSIZE,
				       EINVAL, EXDEV, EADDRINUSE, 0 };
	const struct roc_ready *r = &d->ready;
	unsigned int i;

	if (d->reserved)
		violation("ring: reserved %u in a ready entry", d->reserved);
	if (!d->error) {
		check_popped(c, r);
		return;
	}
	if (d->error > 0 || !err_in(-d->error, refused))
		violation("ring: entry (cookie %" PRIu64 ") refused with %d",
			  (uint64_t)r->cookie, d->error);
	if (r->flags || r->received)
		violation("ring: refused entry with flags 0x%x received %u",
			  r->flags, r->received);
	st->ring_refused++;
	if (r->cookie == RING_POISON)
		return;		/* a stale slot: any number of times */
	for (i = 0; i < c->ninflight; i++) {
		struct sp *s = &c->inflight[i];

		if (s->cookie != r->cookie && !(s->alt && s->alt == r->cookie))
			continue;
		if (!s->mutated &&
		    (s->buf != r->buf_id || s->offset != r->offset ||
		     (s->size > UINT32_MAX ? UINT32_MAX : s->size) != r->size))
			violation("ring: cookie %" PRIu64 " refused as buffer %u"
				  " [%" PRIu64 ", +%u), published as buffer %u [%"
				  PRIu64 ", +%" PRIu64 ")", (uint64_t)r->cookie,
				  r->buf_id, (uint64_t)r->offset, r->size,
				  s->buf, s->offset, s->size);
		c->inflight[i] = c->inflight[--c->ninflight];
		return;
	}
	violation("ring: cookie %" PRIu64 " refused (%d) was not published or "
		  "came back twice", (uint64_t)r->cookie, d->error);
}

/* Take up to @max entries off the ready ring; how many, -1 if unmapped. */
static int ring_consume(struct chan *c, uint32_t max)
{
	const struct roc_ring_done *desc;
	uint32_t prod, n, i;

	if (!c->rmap)
		return -1;
	desc = (const void *)(c->rmap + c->rs.ready.desc);
	prod = load_acq(READY_PROD(c));
	n = prod - c->rcons;
	if (n > c->rs.ready_entries) {
		violation("ring: ready producer %u, consumer %u, %u entries",
			  prod, c->rcons, c->rs.ready_entries);
		return 0;
	}
	if (n > max)
		n = max;
	for (i = 0; i < n; i++) {
		struct roc_ring_done d;

		memcpy(&d, &desc[(c->rcons + i) & (c->rs.ready_entries - 1)],
		       sizeof(d));
		ring_check_done(c, &d);
	}
	c->rcons += n;
	store_rel(READY_CONS(c), c->rcons);
	return n;
}

/* A valid ROC_RING_ENTER; -errno, or completed entries. */
static int ring_enter(struct chan *c, uint32_t *pushed)
{
	struct roc_ring_enter en = { .argsz = sizeof(en) };

	if (ioctl(c->fd, ROC_RING_ENTER, &en))
		return -errno;
	if (pushed)
		*pushed = en.pushed;
	return en.completed;
}

/*
 * After ROC_DMA_STOP: move until the push ring is empty and nothing more
 * comes back; everything published must have come back by then.
 */
static void ring_drain(struct chan *c)
{
	int i, n, done;
	uint32_t pushed;

	if (!ring_map(c))
		return;
	store_rel(PUSH_PROD(c), c->prod);
	store_rel(READY_CONS(c), c->rcons);
	for (i = 0; i < 1000; i++) {
		pushed = 0;
		done = ring_enter(c, &pushed);
		if (done < 0) {
			violation("RING_ENTER after stop: %s", strerror(-done));
			return;
		}
		n = ring_consume(c, UINT32_MAX);
		if (!n && !done && !pushed && load_acq(PUSH_CONS(c)) == c->prod)
			return;
	}
	violation("ring: not drained after 1000 moves (push %u/%u)",
		  load_acq(PUSH_CONS(c)), c->prod);
}

/*
 * Stop, then every superpage pushed must come back exactly once.
 */
static void chan_stop_drain(struct chan *c, bool count_call)
{
	static struct roc_ready r[ROC_BATCH_MAX];
	unsigned int i, left = 0;
	int n, err;

	err = ioctl(c->fd, ROC_DMA_STOP,
		    &(struct roc_dma_stop){ .argsz = sizeof(struct roc_dma_stop) }) ?
	      errno : 0;
	if (count_call)
		check_err(OP_STOP, err, ALLOWED(-1), "(stop must succeed)");
	else if (err)
		violation("DMA_STOP: %s", strerror(err));
	c->running = false;
	if (c->ring)
		ring_drain(c);
	else
		do {
			n = do_pop(c, r, ROC_BATCH_MAX);
			if (n < 0)
				violation("POP after stop: %s", strerror(-n));
		} while (n > 0);
	for (i = 0; i < c->ninflight; i++)
		if (!c->inflight[i].maybe)
			left++;
	if (left)
		violation("%s channel %u: %u superpages pushed were not returned "
			  "by DMA_STOP (first cookie %" PRIu64 ")", c->dev->path,
			  c->index, left, c->inflight[0].cookie);
	c->ninflight = 0;
	for (i = 0; i < MAX_BUFS; i++)
		if (c->bufs[i].used)
			guard_check(c, &c->bufs[i]);
}

static void chan_close(struct chan *c, bool drain)
{
	unsigned int i;

	if (drain)
		chan_stop_drain(c, false);
	/* A mapping holds the file: the channel is freed only without it. */
	if (c->ring)
		ring_unmap(c);
	if (close(c->fd))
		violation("close channel: %s", strerror(errno));
	for (i = 0; i < MAX_BUFS; i++)
		if (c->bufs[i].used)
			buf_free_mem(&c->bufs[i]);
	memset(c, 0, sizeof(*c));
}

/* ---- device fd operations ---------------------------------------------------- */

static struct dev *pick_dev(void)
{
	return &devs[rn(ndevs)];
}

static void op_get_info(struct dev *d)
{
	struct roc_info in = { 0 };
	bool size_ok, valid;
	enum ptr_kind k = pick_ptr(10);
	void *p;
	int err;

	in.argsz = chance(70) ? sizeof(in) : fuzz_argsz(sizeof(in), &size_ok);
	size_ok = arg_ok(in.argsz, sizeof(in));
	if (chance(10))
		in.flags = 1U << rn(32);
	if (chance(10))
		in.reserved = interesting32();
	valid = size_ok && !in.flags;
	p = place(k, &in, sizeof(in));
	err = fz_ioctl(OP_GET_INFO, d->fd, ROC_GET_INFO, p);
	if (valid && ptr_ok(k)) {
		check_err(OP_GET_INFO, err, ALLOWED(-1), "(valid call)");
		if (!err) {
			struct roc_info *o = p;

			if (o->argsz != sizeof(in) || o->uapi_version !=
			    ROC_UAPI_VERSION || o->card_type != d->info.card_type ||
			    o->num_channels != d->info.num_channels)
				violation("GET_INFO: changed identity");
		}
	} else {
		check_err(OP_GET_INFO, err, ALLOWED(EINVAL, EFAULT, E2BIG), NULL);
		if (err == EFAULT && ptr_ok(k) && !arg_reaches_guard())
			violation("GET_INFO: EFAULT with a valid pointer");
	}
}

static void op_get_bar_info(struct dev *d)
{
	struct roc_bar_info bi = { 0 };
	enum ptr_kind k = pick_ptr(10);
	bool size_ok;
	void *p;
	int err;

	bi.argsz = chance(70) ? sizeof(bi) : fuzz_argsz(sizeof(bi), &size_ok);
	bi.index = chance(80) ? rn(d->info.num_bars + 1) : interesting32();
	if (chance(10))
		bi.flags = 1U << rn(32);
	p = place(k, &bi, sizeof(bi));
	err = fz_ioctl(OP_GET_BAR_INFO, d->fd, ROC_GET_BAR_INFO, p);
	if (arg_ok(bi.argsz, sizeof(bi)) && !bi.flags && bi.index < d->info.num_bars &&
	    ptr_ok(k)) {
		check_err(OP_GET_BAR_INFO, err, ALLOWED(-1), "(valid call)");
		if (!err && ((struct roc_bar_info *)p)->size !=
		    d->bars[bi.index].size)
			violation("GET_BAR_INFO: BAR %u size changed", bi.index);
	} else {
		check_err(OP_GET_BAR_INFO, err, ALLOWED(EINVAL, EFAULT, E2BIG),
			  NULL);
		if (err == EFAULT && ptr_ok(k) && !arg_reaches_guard())
			violation("GET_BAR_INFO: EFAULT with a valid pointer");
	}
}

/* A register offset: mostly inside a BAR, sometimes around its end. */
static uint32_t reg_offset(struct dev *d, uint32_t bar)
{
	uint64_t size = bar < ROC_MAX_BARS ? d->bars[bar].size : 0;

	switch (rn(10)) {
	case 0: return size - 4;
	case 1: return size;
	case 2: return interesting32();
	case 3: return rn(size ? size : 1) | 1;
	default: return rn(size ? size / 4 : 1) * 4;
	}
}

static bool reg_protected(struct dev *d, uint32_t bar, uint32_t off)
{
	unsigned int i;

	for (i = 0; i < d->bars[bar].num_prot; i++)
		if (off < d->bars[bar].prot[i].end &&
		    d->bars[bar].prot[i].start < off + 4)
			return true;
	return false;
}

static void op_reg_batch(struct dev *d)
{
	static struct roc_reg_op ops[64];
	struct roc_reg_batch b = { .argsz = sizeof(b) };
	enum ptr_kind kb = pick_ptr(8), ko = pick_ptr(8);
	uint32_t n = 1 + rn(chance(90) ? 8 : 64), i;
	int expect = 0, err;
	void *p;

	for (i = 0; i < n; i++) {
		struct roc_reg_op *o = &ops[i];
		int e = 0;

		memset(o, 0, sizeof(*o));
		/* Writes are rare: they disturb the running DMA on purpose. */
		o->op = chance(85) ? ROC_REG_READ :
			chance(50) ? ROC_REG_MODIFY : ROC_REG_WRITE;
		if (chance(3))
			o->op = interesting32();
		o->bar = chance(90) ? rn(d->info.num_bars) : interesting32();
		o->offset = reg_offset(d, o->bar);
		o->value = rnd();
		if (o->op == ROC_REG_MODIFY || chance(3))
			o->mask = chance(50) ? 0 : 1U << rn(32);
		if (chance(3))
			o->old = 1;
		/* The errno of the first bad op, in the kernel's order. */
		if (o->op > ROC_REG_MODIFY || o->old ||
		    (o->op != ROC_REG_MODIFY && o->mask) || o->offset % 4)
			e = EINVAL;
		else if (o->bar >= d->info.num_bars || !d->bars[o->bar].size)
			e = ENXIO;
		else if ((uint64_t)o->offset + 4 > d->bars[o->bar].size)
			e = ERANGE;
		else if (o->op != ROC_REG_READ &&
			 (d->rdonly || reg_protected(d, o->bar, o->offset)))
			e = EPERM;
		if (e && !expect)
			expect = e;
	}
	b.count = n;
	if (chance(5))
		b.count = chance(50) ? 0 : interesting32();
	if (chance(5))
		b.flags = 1U << rn(32);
	if (chance(5))
		b.argsz = fuzz_argsz(sizeof(b), &(bool){ 0 });
	b.ops = (uintptr_t)place_array(ko, ops, n * sizeof(*ops));
	p = place(kb, &b, sizeof(b));
	err = fz_ioctl(OP_REG_BATCH, d->fd, ROC_REG_BATCH, p);
	if (!arg_ok(b.argsz, sizeof(b)) || b.flags || !b.count ||
	    b.count > ROC_REG_BATCH_MAX) {
		check_err(OP_REG_BATCH, err, ALLOWED(EINVAL, EFAULT, E2BIG),
			  NULL);
		return;
	}
	if (b.count != n || !ptr_ok(kb) || (!ptr_ok(ko) && ko != P_READONLY)) {
		check_err(OP_REG_BATCH, err, ALLOWED(EINVAL, EFAULT, ENXIO,
						     ERANGE, EPERM, ENOMEM),
			  NULL);
		return;
	}
	if (expect) {
		check_err(OP_REG_BATCH, err, ALLOWED(expect), "(bad op)");
		if (err != expect)
			violation("REG_BATCH: %s, expected %s", strerror(err),
				  strerror(expect));
		return;
	}
	/* All good but the ops may be read-only: the results go back. */
	check_err(OP_REG_BATCH, err, ko == P_READONLY ? ALLOWED(EFAULT) :
		  ALLOWED(-1), "(valid batch)");
}

static void op_chan_open(struct dev *d)
{
	struct roc_channel_open o = { .argsz = sizeof(o) };
	enum ptr_kind k = pick_ptr(8);
	struct chan *c = NULL;
	unsigned int i;
	bool size_ok = true;
	void *p;
	int ret, err;

	for (i = 0; i < MAX_CHANS; i++)
		if (!chans[i].used) {
			c = &chans[i];
			break;
		}
	o.channel = chance(90) ? rn(d->info.num_channels) : interesting32();
	if (chance(5))
		o.argsz = fuzz_argsz(sizeof(o), &size_ok);
	if (chance(5))
		o.flags = 1U << rn(32);
	if (chance(5))
		o.fd = interesting32();
	p = place(k, &o, sizeof(o));
	err = fz_ioctl(OP_CHAN_OPEN, d->fd, ROC_CHANNEL_OPEN, p);
	ret = err ? -1 : fz_ret;
	if (ret >= 0 && !c)
		close(ret);
	check_err(OP_CHAN_OPEN, err, ALLOWED(EBUSY, EINVAL, EPERM, EMFILE,
					     ENOMEM, EFAULT, E2BIG), NULL);
	if (err == EFAULT && ptr_ok(k) && !arg_reaches_guard())
		violation("CHANNEL_OPEN: EFAULT with a valid pointer");
	if (err == EPERM && !d->rdonly)
		violation("CHANNEL_OPEN: EPERM on a read-write fd");
	if (!err && (!arg_ok(o.argsz, sizeof(o)) || o.flags ||
		     o.channel >= d->info.num_channels || d->rdonly))
		violation("CHANNEL_OPEN: accepted argsz %u flags 0x%x channel %u%s",
			  o.argsz, o.flags, o.channel,
			  d->rdonly ? " on a read-only fd" : "");
	if (err == EFAULT && k == P_READONLY) {
		/*
		 * The fd was not installed: the channel must be free again,
		 * unless this worker held it already (the structure is found
		 * unwritable before the channel is looked at).
		 */
		struct roc_channel_query q = { .argsz = sizeof(q),
					       .channel = o.channel };
		bool held = false;

		for (i = 0; i < MAX_CHANS; i++)
			held |= chans[i].used && chans[i].dev == d &&
				chans[i].index == o.channel;
		if (!held && !ioctl(d->fd, ROC_CHANNEL_QUERY, &q) &&
		    q.pid == getpid())
			violation("CHANNEL_OPEN: EFAULT left channel %u held",
				  o.channel);
	}
	if (ret < 0 || !c)
		return;
	memset(c, 0, sizeof(*c));
	c->used = true;
	c->fd = ret;
	c->dev = d;
	c->index = o.channel;
}

static void op_chan_query(struct dev *d)
{
	struct roc_channel_query q = { .argsz = sizeof(q) };
	enum ptr_kind k = pick_ptr(8);
	bool size_ok = true;
	void *p;
	int err;

	q.channel = chance(90) ? rn(d->info.num_channels) : interesting32();
	if (chance(5))
		q.argsz = fuzz_argsz(sizeof(q), &size_ok);
	if (chance(5))
		q.flags = 1U << rn(32);
	if (chance(5))
		q.reserved = interesting32();
	p = place(k, &q, sizeof(q));
	err = fz_ioctl(OP_CHAN_QUERY, d->fd, ROC_CHANNEL_QUERY, p);
	if (size_ok && !q.flags && !q.reserved &&
	    q.channel < d->info.num_channels && ptr_ok(k)) {
		check_err(OP_CHAN_QUERY, err, ALLOWED(-1), "(valid call)");
		if (!err && ((struct roc_channel_query *)p)->state >
		    ROC_CHANNEL_GONE)
			violation("CHANNEL_QUERY: state %u",
				  ((struct roc_channel_query *)p)->state);
	} else {
		check_err(OP_CHAN_QUERY, err, ALLOWED(EINVAL, EFAULT, E2BIG),
			  NULL);
		if (err == EFAULT && ptr_ok(k) && !arg_reaches_guard())
			violation("CHANNEL_QUERY: EFAULT with a valid pointer");
	}
}

static const unsigned long dev_cmds[] = {
	ROC_GET_INFO, ROC_GET_BAR_INFO, ROC_REG_BATCH, ROC_CHANNEL_OPEN,
	ROC_CHANNEL_QUERY,
};
static const unsigned long chan_cmds[] = {
	ROC_BUFFER_REGISTER, ROC_BUFFER_UNREGISTER, ROC_DMA_START,
	ROC_DMA_STOP, ROC_DMA_RESET, ROC_PUSH, ROC_POP, ROC_CHANNEL_STATUS,
	ROC_RING_SETUP, ROC_RING_ENTER,
};
#define NCHAN_CMDS	(sizeof(chan_cmds) / sizeof(chan_cmds[0]))

static bool in_list(unsigned long cmd, const unsigned long *l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (l[i] == cmd)
			return true;
	return false;
}

/*
 * A random ioctl of roc's magic that is not one of @known: the other fd's
 * commands, known numbers with another size or direction, random numbers.
 * Must fail with ENOTTY and touch nothing.
 */
static void op_bad_ioctl(enum op op, int fd, const unsigned long *known,
			 size_t nknown, const unsigned long *other,
			 size_t nother)
{
	static const uint8_t zero[64];
	unsigned long cmd;
	void *p = place(P_VALID, zero, sizeof(zero));
	int err;

	do {
		switch (rn(4)) {
		case 0:
			cmd = other[rn(nother)];
			break;
		case 1:
			cmd = known[rn(nknown)] ^ (1UL << (16 + rn(14)));
			break;
		case 2:
			cmd = _IOC(rn(4), ROC_IOC_MAGIC, rn(256), rn(1 << 14));
			break;
		default:
			cmd = _IOC(rn(4), ROC_IOC_MAGIC, known[rn(nknown)] & 0xff,
				   rn(256));
			break;
		}
	} while (in_list(cmd, known, nknown));
	err = ioctl(fd, cmd, chance(50) ? p : (void *)(uintptr_t)rnd()) ?
	      errno : 0;
	check_err(op, err, ALLOWED(ENOTTY), "(unknown ioctl)");
	if (!err)
		violation("unknown ioctl 0x%lx succeeded", cmd);
}

/* ---- channel fd operations ---------------------------------------------------- */

static void op_buf_reg(struct chan *c)
{
	struct roc_buffer_reg reg = { .argsz = sizeof(reg) };
	enum mem_kind mk = rn(M_KINDS);
	enum ptr_kind k = pick_ptr(6);
	struct buf *b = NULL, tmp = { 0 };
	bool size_ok = true, struct_ok;
	unsigned int i;
	uint8_t *mem = NULL;
	size_t len = (1 + rn(16)) * 64 * KiB;
	int err, fd;
	void *p;

	for (i = 0; i < MAX_BUFS; i++)
		if (!c->bufs[i].used) {
			b = &c->bufs[i];
			break;
		}
	/* Mostly memory that works. */
	if (chance(60))
		mk = chance(50) ? M_HUGE : M_ANON;
	if (!b)
		mk = M_UNMAPPED;	/* no slot: register nothing real */

	switch (mk) {
	case M_HUGE:
		tmp.pool_n = 1 + rn(2);
		len = tmp.pool_n * 2 * MiB;
		mem = pool_get(tmp.pool_n, &tmp.pool_slot);
		if (mem) {
			tmp.huge = true;
			break;
		}
		tmp.pool_n = 0;
		mk = M_ANON;	/* out of hugepages: anonymous */
		/* fall through */
	case M_ANON:
	case M_RDONLY:
	case M_NONE:
	case M_UNALIGNED:
	case M_ZERO:
		mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (mem == MAP_FAILED)
			return;
		if (mk == M_RDONLY)
			mprotect(mem, len, PROT_READ);
		if (mk == M_NONE)
			mprotect(mem, len, PROT_NONE);
		break;
	case M_SHMEM:
		fd = memfd_create("roc-fuzz", 0);
		if (fd < 0 || ftruncate(fd, len)) {
			if (fd >= 0)
				close(fd);
			return;
		}
		mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		close(fd);
		if (mem == MAP_FAILED)
			return;
		break;
	case M_BAR: {
		for (i = 0; i < MAX_MAPS; i++)
			if (maps[i].used)
				break;
		if (i == MAX_MAPS) {
			mk = M_UNMAPPED;
			break;
		}
		reg.addr = (uintptr_t)maps[i].addr;
		reg.size = maps[i].len;
		break;
	}
	default:
		break;
	}

	switch (mk) {
	case M_UNMAPPED:
		reg.addr = (uintptr_t)unmapped;
		reg.size = PAGE * (1 + rn(4));
		break;
	case M_UNALIGNED:
		reg.addr = (uintptr_t)mem + (chance(50) ? 1 + rn(PAGE - 1) : 0);
		reg.size = len - (reg.addr == (uintptr_t)mem ? 1 + rn(PAGE - 1) : 0);
		break;
	case M_HUGE_SIZE:
		reg.addr = (uintptr_t)unmapped & ~(PAGE - 1);
		reg.size = chance(50) ? (1ULL << 40) + PAGE :
			   (rn(1 << 20) + 1) << 20;
		break;
	case M_WRAP:
		reg.addr = 0xfffffffffffff000ULL - rn(16) * PAGE;
		reg.size = (1 + rn(32)) * PAGE;
		break;
	case M_ZERO:
		reg.addr = (uintptr_t)mem;
		reg.size = 0;
		break;
	case M_BAR:
		break;
	default:
		reg.addr = (uintptr_t)mem;
		reg.size = len;
		break;
	}

	if (mem && (mk == M_ANON || mk == M_HUGE || mk == M_SHMEM)) {
		/* The last 32 KiB stay out of every valid push: the guard. */
		memset(mem + len - 32 * KiB, GUARD_BYTE, 32 * KiB);
	}

	if (chance(4))
		reg.argsz = fuzz_argsz(sizeof(reg), &size_ok);
	/* ROC_BUFFER_REGISTER grew (memfd): its first version ends at 48. */
	if (reg.argsz >= offsetof(struct roc_buffer_reg, memfd) &&
	    reg.argsz < sizeof(reg))
		size_ok = true;
	if (chance(4))
		reg.flags = 1U << rn(32);
	if (chance(3))
		reg.reserved = interesting32();
	if (chance(3))
		reg.id = interesting32();
	struct_ok = size_ok && !reg.flags && !reg.reserved && !reg.id;
	p = place(k, &reg, sizeof(reg));
	fz_first = offsetof(struct roc_buffer_reg, memfd);
	err = fz_ioctl(OP_BUF_REG, c->fd, ROC_BUFFER_REGISTER, p);
	fz_first = 0;

	if (!struct_ok || !ptr_ok(k)) {
		check_err(OP_BUF_REG, err, ALLOWED(EINVAL, EFAULT, ENOSPC,
						   ENOMEM, E2BIG), NULL);
		if (err == EFAULT && ptr_ok(k) && struct_ok &&
		    (mk == M_ANON || mk == M_HUGE || mk == M_SHMEM))
			violation("BUFFER_REGISTER: EFAULT for good memory");
	} else {
		const int *const want[M_KINDS] = {
			[M_ANON] = ALLOWED(ENOSPC, ENOMEM),
			[M_HUGE] = ALLOWED(ENOSPC, ENOMEM),
			[M_SHMEM] = ALLOWED(ENOSPC, ENOMEM),
			[M_RDONLY] = ALLOWED(EFAULT, ENOSPC, ENOMEM),
			[M_NONE] = ALLOWED(EFAULT, ENOSPC, ENOMEM),
			[M_UNMAPPED] = ALLOWED(EFAULT, ENOSPC, ENOMEM),
			[M_BAR] = ALLOWED(EFAULT, ENOSPC, ENOMEM, EINVAL),
			[M_UNALIGNED] = ALLOWED(EINVAL),
			[M_HUGE_SIZE] = ALLOWED(EINVAL, EFAULT, ENOMEM, ENOSPC),
			[M_WRAP] = ALLOWED(EINVAL, EFAULT, ENOMEM),
			[M_ZERO] = ALLOWED(EINVAL),
		};
		char ctx[96];

		snprintf(ctx, sizeof(ctx), "(%s memory, %" PRIu64 " bytes)",
			 mem_names[mk], (uint64_t)reg.size);
		check_err(OP_BUF_REG, err, want[mk], ctx);
		if (!err && (mk != M_ANON && mk != M_HUGE && mk != M_SHMEM))
			violation("BUFFER_REGISTER: accepted %s", ctx);
		if (err == ENOSPC) {
			unsigned int nb = 0;

			for (i = 0; i < MAX_BUFS; i++)
				nb += c->bufs[i].used;
			violation("BUFFER_REGISTER: ENOSPC with %u of %u buffers"
				  " registered", nb, ROC_MAX_BUFFERS);
		}
	}
	if (err || !b || !mem) {
		if (!err && b) {
			/* Registered something we did not expect: drop it. */
			struct roc_buffer_unreg u = { .argsz = sizeof(u),
				.id = ((struct roc_buffer_reg *)p)->id };

			ioctl(c->fd, ROC_BUFFER_UNREGISTER, &u);
		}
		mem_release(mem, len, tmp.pool_slot, tmp.pool_n);
		return;
	}
	st->buffers++;
	*b = tmp;
	b->used = true;
	b->mem = mem;
	b->map_len = len;
	b->size = len;
	b->guard = len - 32 * KiB;
	b->id = ((struct roc_buffer_reg *)p)->id;
	b->nr_segments = ((struct roc_buffer_reg *)p)->nr_segments;
	b->max_segment = ((struct roc_buffer_reg *)p)->max_segment;
	/* Ring entries published for an old buffer of this id may land here. */
	if (c->ring && buf_inflight(c, b->id))
		b->guard_touched = true;
	if (!b->nr_segments || b->max_segment > len ||
	    b->max_segment < PAGE || b->id >= ROC_MAX_BUFFERS)
		violation("BUFFER_REGISTER: id %u, %u segments, largest %" PRIu64
			  " for %zu bytes", b->id, b->nr_segments,
			  b->max_segment, len);
	for (i = 0; i < MAX_BUFS; i++)
		if (&c->bufs[i] != b && c->bufs[i].used &&
		    c->bufs[i].id == b->id)
			violation("BUFFER_REGISTER: id %u given twice", b->id);
}

static bool buf_inflight(struct chan *c, uint32_t id)
{
	unsigned int i;

	for (i = 0; i < c->ninflight; i++)
		if (c->inflight[i].buf == id ||
		    (c->inflight[i].mutated && c->inflight[i].alt_buf == id))
			return true;
	return false;
}

static void op_buf_unreg(struct chan *c)
{
	struct roc_buffer_unreg u = { .argsz = sizeof(u) };
	enum ptr_kind k = pick_ptr(6);
	struct buf *b = &c->bufs[rn(MAX_BUFS)];
	bool size_ok = true;
	void *p;
	int err;

	u.id = b->used && chance(85) ? b->id : chance(50) ? rn(ROC_MAX_BUFFERS)
								: interesting32();
	if (chance(4))
		u.argsz = fuzz_argsz(sizeof(u), &size_ok);
	if (chance(4))
		u.flags = 1U << rn(32);
	if (chance(4))
		u.reserved = interesting32();
	p = place(k, &u, sizeof(u));
	err = fz_ioctl(OP_BUF_UNREG, c->fd, ROC_BUFFER_UNREGISTER, p);
	b = buf_by_id(c, u.id);
	if (size_ok && !u.flags && !u.reserved &&
	    (ptr_ok(k) || k == P_READONLY)) {
		/* _IOW: read-only memory is fine. */
		if (!b)
			check_err(OP_BUF_UNREG, err, ALLOWED(ENOENT), NULL);
		else if (buf_inflight(c, u.id))
			check_err(OP_BUF_UNREG, err, ALLOWED(EBUSY), NULL);
		else
			check_err(OP_BUF_UNREG, err, ALLOWED(EBUSY, -1),
				  "(buffer not in flight)");
		if (err == EBUSY && b && !buf_inflight(c, u.id))
			violation("BUFFER_UNREGISTER: EBUSY for buffer %u"
				  " with nothing in flight", u.id);
	} else {
		check_err(OP_BUF_UNREG, err, ALLOWED(EINVAL, EFAULT, ENOENT,
						     EBUSY, E2BIG), NULL);
	}
	if (!err && b) {
		guard_check(c, b);
		buf_free_mem(b);
	} else if (!err) {
		violation("BUFFER_UNREGISTER: removed unknown id %u", u.id);
	}
}

static void op_start(struct chan *c)
{
	struct roc_dma_start s = { .argsz = sizeof(s) };
	enum ptr_kind k = pick_ptr(6);
	bool size_ok = true;
	void *p;
	int err;

	s.source = chance(90) ? rn(3) : interesting32();
	if (chance(70))
		s.source = ROC_SOURCE_INTERNAL;
	if (chance(4))
		s.argsz = fuzz_argsz(sizeof(s), &size_ok);
	if (chance(4))
		s.flags = 1U << rn(32);
	if (chance(4))
		s.reserved = interesting32();
	/* ROC_DMA_START grew (DDL options): its first version ends at 16. */
	if (s.argsz >= offsetof(struct roc_dma_start, options) &&
	    s.argsz < sizeof(s))
		size_ok = true;
	p = place(k, &s, sizeof(s));
	fz_first = offsetof(struct roc_dma_start, options);
	err = fz_ioctl(OP_START, c->fd, ROC_DMA_START, p);
	fz_first = 0;
	if (size_ok && !s.flags && !s.reserved && s.source <= ROC_SOURCE_FEE &&
	    (ptr_ok(k) || k == P_READONLY)) {
		check_err(OP_START, err, ALLOWED(EALREADY, EBUSY, EOPNOTSUPP,
						 ENOLINK), NULL);
	} else {
		check_err(OP_START, err, ALLOWED(EINVAL, EFAULT, EALREADY,
						 E2BIG), NULL);
		if (err == EFAULT && (ptr_ok(k) || k == P_READONLY) &&
		    !arg_reaches_guard())
			violation("DMA_START: EFAULT with readable memory");
	}
	if (!err) {
		st->dma_starts++;
		c->running = true;
	}
	if (err == EALREADY)
		c->running = true;
}

/*
 * Sometimes a stop whose structure is fuzzed first: if the kernel takes
 * it, the channel stops as by the stop of chan_stop_drain().
 */
static void op_stop(struct chan *c)
{
	struct roc_dma_stop s = { .argsz = sizeof(s) };
	enum ptr_kind k = pick_ptr(20);
	bool size_ok = true;
	void *p;
	int err;

	if (chance(70)) {
		chan_stop_drain(c, true);
		return;
	}
	if (chance(50))
		s.argsz = fuzz_argsz(sizeof(s), &size_ok);
	if (chance(20))
		s.flags = 1U << rn(32);
	p = place(k, &s, sizeof(s));
	err = fz_ioctl(OP_STOP, c->fd, ROC_DMA_STOP, p);
	if (size_ok && !s.flags && ptr_readable(k)) {
		check_err(OP_STOP, err, ALLOWED(-1), "(stop must succeed)");
	} else {
		check_err(OP_STOP, err, ALLOWED(EINVAL, EFAULT, E2BIG), NULL);
		if (!err)
			violation("DMA_STOP: accepted argsz %u flags 0x%x",
				  s.argsz, s.flags);
	}
	chan_stop_drain(c, false);
}

static void op_reset(struct chan *c)
{
	struct roc_dma_reset r = { .argsz = sizeof(r) };
	enum ptr_kind k = pick_ptr(6);
	bool size_ok = true;
	void *p;
	int err;

	if (chance(4))
		r.argsz = fuzz_argsz(sizeof(r), &size_ok);
	if (chance(4))
		r.flags = 1U << rn(32);
	/* ROC_DMA_RESET grew (the level): its first version ends at 8. */
	if (r.argsz >= offsetof(struct roc_dma_reset, level) &&
	    r.argsz < sizeof(r))
		size_ok = true;
	p = place(k, &r, sizeof(r));
	fz_first = offsetof(struct roc_dma_reset, level);
	err = fz_ioctl(OP_RESET, c->fd, ROC_DMA_RESET, p);
	fz_first = 0;
	if (!size_ok || r.flags || !ptr_readable(k)) {
		check_err(OP_RESET, err, ALLOWED(EINVAL, EFAULT, E2BIG), NULL);
		if (!err)
			violation("DMA_RESET: accepted argsz %u flags 0x%x",
				  r.argsz, r.flags);
		return;
	}
	check_err(OP_RESET, err, ALLOWED(EBUSY), NULL);
	if (err == EBUSY) {
		struct roc_channel_status s = { .argsz = sizeof(s) };

		if (!ioctl(c->fd, ROC_CHANNEL_STATUS, &s) &&
		    s.state == ROC_CHANNEL_STOPPED)
			violation("DMA_RESET: EBUSY on a stopped channel");
	}
}

/* A superpage that should be accepted, if there is room and it is free. */
static bool good_sp(struct chan *c, struct roc_superpage *s)
{
	unsigned int i, start = rn(MAX_BUFS);
	struct buf *b = NULL;

	for (i = 0; i < MAX_BUFS; i++) {
		b = &c->bufs[(start + i) % MAX_BUFS];
		if (b->used && b->huge)
			break;
		b = NULL;
	}
	if (!b)
		return false;
	/* Inside one 2 MiB page, outside the guard. */
	s->buf_id = b->id;
	s->size = (1 + rn(8)) * ROC_SUPERPAGE_ALIGN;
	s->offset = rn(b->guard / (2 * MiB) + 1) * 2 * MiB +
		    rn((2 * MiB - s->size) / PAGE + 1) * PAGE;
	if (s->offset + s->size > b->guard)
		return false;
	return true;
}

static void op_push(struct chan *c)
{
	static struct roc_superpage sps[64];
	struct roc_push pu = { .argsz = sizeof(pu) };
	enum ptr_kind kp = pick_ptr(5), ke = pick_ptr(5);
	uint32_t n = 1 + rn(chance(80) ? 4 : 64), i, done;
	bool all_good = true, size_ok = true;
	struct roc_push *up;
	int err;

	for (i = 0; i < n; i++) {
		struct roc_superpage *s = &sps[i];
		struct buf *b;

		memset(s, 0, sizeof(*s));
		if (chance(80) && good_sp(c, s)) {
			s->cookie = ++next_cookie;
			continue;
		}
		all_good = false;
		b = &c->bufs[rn(MAX_BUFS)];
		s->buf_id = b->used && chance(80) ? b->id : interesting32();
		s->offset = chance(50) ? rn(b->size / PAGE + 2) * PAGE :
			    interesting64();
		s->size = chance(50) ? (1 + rn(64)) * ROC_SUPERPAGE_ALIGN :
			  interesting64();
		if (chance(5))
			s->flags = 1U << rn(32);
		s->cookie = ++next_cookie;
	}
	pu.count = n;
	if (chance(3))
		pu.count = chance(50) ? 0 : interesting32();
	if (chance(3))
		pu.argsz = fuzz_argsz(sizeof(pu), &size_ok);
	if (chance(3))
		pu.flags = 1U << rn(32);
	pu.done = chance(90) ? 0 : interesting32();
	pu.entries = (uintptr_t)place_array(ke, sps, n * sizeof(*sps));
	up = place(kp, &pu, sizeof(pu));
	err = fz_ioctl(OP_PUSH, c->fd, ROC_PUSH, up);

	if (!size_ok || pu.flags || !pu.count || pu.count > ROC_BATCH_MAX) {
		check_err(OP_PUSH, err, ALLOWED(EINVAL, EFAULT, E2BIG), NULL);
		if (!err)
			violation("PUSH: accepted argsz %u flags 0x%x count %u",
				  pu.argsz, pu.flags, pu.count);
		return;
	}
	check_err(OP_PUSH, err, ALLOWED(EPIPE, ENOSPC, ENOENT, ERANGE, EMSGSIZE,
					EINVAL, EXDEV, EADDRINUSE, EFAULT),
		  NULL);
	/*
	 * Bad pointers: EFAULT, and nothing pushed (the kernel reads all
	 * entries and checks that @done can be written before pushing).
	 */
	/* P_SHORT cuts only the last entry: fewer entries are readable. */
	if (!ptr_ok(kp) || pu.count > n ||
	    (!ptr_readable(ke) && !(ke == P_SHORT && pu.count < n))) {
		if (err != EFAULT)
			violation("PUSH: %s with a bad pointer (struct %d, "
				  "entries %d, count %u of %u)", strerror(err),
				  kp, ke, pu.count, n);
		return;
	}
	if (err == EFAULT) {
		violation("PUSH: EFAULT with valid pointers");
		return;
	}
	if (err == EPIPE && c->running)
		c->running = false;	/* it failed */
	if (!c->running && !err)
		violation("PUSH: accepted on a channel that is not running");

	done = err ? up->done : pu.count;
	if (done > pu.count) {
		violation("PUSH: done %u > count %u", done, pu.count);
		return;
	}
	for (i = 0; i < done; i++) {
		struct roc_superpage *s = &sps[i];
		struct buf *b = buf_by_id(c, s->buf_id);

		if (!b || s->flags || s->offset % PAGE || !s->size ||
		    s->size % ROC_SUPERPAGE_ALIGN || s->size > ROC_SUPERPAGE_MAX ||
		    s->offset >= b->size || s->size > b->size - s->offset) {
			violation("PUSH: accepted buffer %u [%" PRIu64 ", +%"
				  PRIu64 ") flags 0x%x", s->buf_id, s->offset,
				  s->size, s->flags);
			continue;
		}
		if (s->offset + s->size > b->guard)
			b->guard_touched = true;
		if (c->ninflight < MAX_INFLIGHT) {
			struct sp *f = &c->inflight[c->ninflight++];

			f->cookie = s->cookie;
			f->buf = s->buf_id;
			f->offset = s->offset;
			f->size = s->size;
			f->maybe = false;
		}
		st->pushed++;
	}
	if (err == EADDRINUSE && done < pu.count && all_good) {
		/* A good superpage may overlap one in flight: check. */
		struct roc_superpage *s = &sps[done];
		bool overlap = false;

		for (i = 0; i < c->ninflight; i++) {
			struct sp *f = &c->inflight[i];

			if (f->buf == s->buf_id && f->offset < s->offset + s->size &&
			    s->offset < f->offset + f->size)
				overlap = true;
		}
		if (!overlap)
			violation("PUSH: EADDRINUSE for free [%" PRIu64 ", +%"
				  PRIu64 ") of buffer %u", s->offset, s->size,
				  s->buf_id);
	}
	if (all_good && err && err != ENOSPC && err != EADDRINUSE &&
	    err != EPIPE)
		violation("PUSH: %s for a good superpage", strerror(err));
}

static void op_pop(struct chan *c)
{
	static struct roc_ready r[ROC_BATCH_MAX];
	struct roc_pop p = { .argsz = sizeof(p) };
	enum ptr_kind kp = pick_ptr(5), ke = pick_ptr(5);
	bool size_ok = true;
	uint32_t max = chance(90) ? 1 + rn(64) : interesting32(), i;
	struct roc_pop *up;
	void *ent;
	int err;

	if (ke == P_VALID && max <= ROC_BATCH_MAX)
		ent = r;
	else
		ent = place_array(ke, r, 64 * sizeof(*r));
	p.max = max;
	if (chance(3))
		p.argsz = fuzz_argsz(sizeof(p), &size_ok);
	if (chance(3))
		p.flags = 1U << rn(32);
	p.count = chance(90) ? 0 : interesting32();
	p.entries = (uintptr_t)ent;
	up = place(kp, &p, sizeof(p));
	err = fz_ioctl(OP_POP, c->fd, ROC_POP, up);
	if (!size_ok || p.flags || !p.max || p.max > ROC_BATCH_MAX) {
		check_err(OP_POP, err, ALLOWED(EINVAL, EFAULT, E2BIG), NULL);
		if (!err)
			violation("POP: accepted argsz %u flags 0x%x max %u",
				  p.argsz, p.flags, p.max);
		return;
	}
	check_err(OP_POP, err, ALLOWED(EFAULT), NULL);
	if (err == EFAULT && ptr_ok(kp) && ent == r)
		violation("POP: EFAULT with valid pointers");
	if (err)
		return;	/* nothing lost: the next pop gets them */
	if (!ptr_ok(kp)) {
		violation("POP: succeeded with a bad struct pointer");
		return;
	}
	if (up->count > p.max) {
		violation("POP: count %u > max %u", up->count, p.max);
		return;
	}
	for (i = 0; i < up->count; i++)
		check_popped(c, &((struct roc_ready *)ent)[i]);
}

static void op_status(struct chan *c)
{
	struct roc_channel_status s = { .argsz = sizeof(s) };
	enum ptr_kind k = pick_ptr(6);
	bool size_ok = true;
	void *p;
	int err;

	if (chance(4))
		s.argsz = fuzz_argsz(sizeof(s), &size_ok);
	if (chance(4))
		s.flags = 1U << rn(32);
	p = place(k, &s, sizeof(s));
	err = fz_ioctl(OP_STATUS, c->fd, ROC_CHANNEL_STATUS, p);
	if (size_ok && !s.flags && ptr_ok(k)) {
		struct roc_channel_status *o = p;
		unsigned int i, nb = 0;

		check_err(OP_STATUS, err, ALLOWED(-1), "(valid call)");
		if (err)
			return;
		for (i = 0; i < MAX_BUFS; i++)
			nb += c->bufs[i].used;
		if (o->state < ROC_CHANNEL_STOPPED || o->state > ROC_CHANNEL_FAILED)
			violation("STATUS: state %u on a held channel", o->state);
		if (o->nr_buffers != nb)
			violation("STATUS: %u buffers, registered %u",
				  o->nr_buffers, nb);
		/* Rings: published entries may still be in either ring. */
		if (c->ring ? o->transfer_queued + o->ready_count > c->ninflight :
		    o->transfer_queued + o->ready_count != c->ninflight)
			violation("STATUS: %u queued + %u ready, pushed %u",
				  o->transfer_queued, o->ready_count,
				  c->ninflight);
		if (o->transfer_queued > o->transfer_capacity)
			violation("STATUS: queued %u > capacity %u",
				  o->transfer_queued, o->transfer_capacity);
		if (o->state == ROC_CHANNEL_STOPPED)
			c->running = false;
	} else {
		check_err(OP_STATUS, err, ALLOWED(EINVAL, EFAULT, E2BIG), NULL);
	}
}

static void op_poll(struct chan *c)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN | POLLOUT };
	int ret = poll(&pfd, 1, chance(95) ? 0 : 1);

	check_err(OP_POLL, ret < 0 ? errno : 0, ALLOWED(EINTR), NULL);
	if (ret > 0 && pfd.revents & (POLLHUP | POLLNVAL))
		violation("poll: revents 0x%x on a live channel", pfd.revents);
}

/* ---- mmap ------------------------------------------------------------------------ */

static sigjmp_buf fault_jmp;
static volatile sig_atomic_t in_probe;

static void on_fault(int sig)
{
	if (in_probe)
		siglongjmp(fault_jmp, sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Read one word; returns the signal it raised, 0 if none. */
static __attribute__((noinline)) int probe_read(volatile uint32_t *w)
{
	int sig;

	in_probe = 1;
	sig = sigsetjmp(fault_jmp, 1);
	if (!sig)
		(void)*w;
	in_probe = 0;
	return sig;
}

static void op_mmap(struct dev *d)
{
	uint32_t bar = chance(90) ? rn(d->info.num_bars + 1) : rn(1 << 24);
	uint64_t size = bar < ROC_MAX_BARS && bar < d->info.num_bars ?
			d->bars[bar].size : 0;
	uint64_t off, len;
	int prot, flags, err;
	bool prot_hit = false;
	struct map *m = NULL;
	unsigned int i;
	void *a;

	for (i = 0; i < MAX_MAPS; i++)
		if (!maps[i].used) {
			m = &maps[i];
			break;
		}
	if (!m)
		return;
	switch (rn(8)) {
	case 0: off = size; break;
	case 1: off = size ? size - PAGE : 0; break;
	case 2: off = interesting64() & ~(PAGE - 1); break;
	case 3: off = 0x100000000ULL - PAGE; break;
	default: off = rn(size / PAGE + 1) * PAGE; break;
	}
	switch (rn(8)) {
	case 0: len = size + PAGE; break;
	case 1: len = size; break;
	case 2: len = interesting64(); break;
	case 3: len = 0; break;
	default: len = PAGE * (1 + rn(4)); break;
	}
	prot = rn(8) & (PROT_READ | PROT_WRITE | PROT_EXEC);
	if (chance(50))
		prot = PROT_READ;
	flags = chance(90) ? MAP_SHARED : MAP_PRIVATE;
	a = mmap(NULL, len, prot, flags, d->fd,
		 (off_t)(ROC_BAR_OFFSET(bar) + off));
	err = a == MAP_FAILED ? errno : 0;
	check_err(OP_MMAP, err, ALLOWED(EINVAL, ENXIO, ERANGE, EPERM, EACCES,
					ENOMEM, EOVERFLOW), NULL);
	if (err)
		return;
	/* An offset of 1 TiB or more lands in a later BAR. */
	bar += off >> ROC_BAR_OFFSET_SHIFT;
	off &= ROC_BAR_OFFSET(1) - 1;
	size = bar < ROC_MAX_BARS && bar < d->info.num_bars ?
	       d->bars[bar].size : 0;
	if (bar >= d->info.num_bars || !size || off >= size ||
	    len > size - off || flags != MAP_SHARED)
		violation("mmap: accepted BAR %u offset 0x%" PRIx64 " length 0x%"
			  PRIx64 " flags 0x%x", bar, off, len, flags);
	if (bar < d->info.num_bars)
		for (i = 0; i < d->bars[bar].num_prot; i++)
			if (off < d->bars[bar].prot[i].end &&
			    d->bars[bar].prot[i].start < off + len)
				prot_hit = true;
	if ((prot & PROT_WRITE) && (d->rdonly || prot_hit))
		violation("mmap: writable mapping of BAR %u offset 0x%" PRIx64
			  "%s", bar, off, d->rdonly ? " on a read-only fd" :
			  " over a protected window");
	m->used = true;
	m->addr = a;
	m->len = len;
	m->prot = prot;
	m->dev = d;
	m->rawio_needed = prot_hit;
	m->rdonly = d->rdonly;
	/* Read a register through it: no fault. */
	if (prot & PROT_READ) {
		int sig = probe_read((uint32_t *)((uint8_t *)a +
						  rn(len / 4) * 4));

		if (sig)
			violation("mmap: signal %d reading BAR %u offset 0x%"
				  PRIx64, sig, bar, off);
	}
}

static void op_mprotect(void)
{
	struct map *m = &maps[rn(MAX_MAPS)];
	int err;

	if (!m->used)
		return;
	err = mprotect(m->addr, m->len, PROT_READ | PROT_WRITE) ? errno : 0;
	check_err(OP_MPROTECT, err, ALLOWED(EACCES), NULL);
	if (!err && (m->rawio_needed || m->rdonly))
		violation("mprotect: made a protected BAR mapping writable");
	if (!err)
		m->prot = PROT_READ | PROT_WRITE;
}

static void op_munmap(void)
{
	struct map *m = &maps[rn(MAX_MAPS)];
	int err;

	if (!m->used)
		return;
	err = munmap(m->addr, m->len) ? errno : 0;
	check_err(OP_MUNMAP, err, ALLOWED(-1), NULL);
	m->used = false;
}

/* ---- ring operations (issue 14) ------------------------------------------------- */

/* A push entry: mostly one that should be accepted, else a bad one. */
static void ring_entry(struct chan *c, struct roc_superpage *s)
{
	struct buf *b;

	memset(s, 0, sizeof(*s));
	if (chance(75) && good_sp(c, s)) {
		s->cookie = ++next_cookie;
		return;
	}
	b = &c->bufs[rn(MAX_BUFS)];
	s->buf_id = b->used && chance(80) ? b->id : interesting32();
	s->offset = chance(50) ? rn(b->size / PAGE + 2) * PAGE :
		    interesting64();
	s->size = chance(50) ? (1 + rn(64)) * ROC_SUPERPAGE_ALIGN :
		  interesting64();
	if (chance(5))
		s->flags = 1U << rn(32);
	/* Odd cookies, still unique: the kernel must not care. */
	s->cookie = ++next_cookie | (chance(10) ? 1ULL << (48 + rn(16)) : 0);
}

/* The guard of the buffer an entry may reach is no longer ours to check. */
static void ring_note(struct chan *c, uint32_t id, uint64_t offset,
		      uint64_t size, bool any)
{
	struct buf *b = buf_by_id(c, id);

	if (b && (any || offset >= b->guard || size > b->guard - offset))
		b->guard_touched = true;
}

static bool entries_ok(uint32_t n)
{
	return !n || (n <= 65536 && !(n & (n - 1)));
}

static void op_ring_setup(struct chan *c)
{
	struct roc_ring_setup s = { .argsz = sizeof(s) };
	enum ptr_kind k = pick_ptr(6);
	bool size_ok = true, valid;
	struct roc_ring_setup *o;
	void *p;
	int err, d;

	if (chance(5)) {
		d = ring_enter(c, NULL);
		count(OP_RING_ENTER, d < 0 ? -d : 0);
		if (d != -ENXIO)
			violation("RING_ENTER without rings: %s",
				  d < 0 ? strerror(-d) : "accepted");
		return;
	}
	s.push_entries = chance(90) ? 16U << rn(5) : interesting32();
	s.ready_entries = chance(90) ? 16U << rn(5) : interesting32();
	if (chance(35)) {
		s.flags = ROC_RING_SETUP_THREAD;
		s.thread_idle_us = chance(90) ? 20 + rn(200) : interesting32();
	} else if (chance(3)) {
		s.thread_idle_us = 1 + rn(100);	/* without the thread */
	}
	if (chance(4))
		s.flags |= 1U << rn(32);
	if (chance(4))
		s.reserved = interesting32();
	if (chance(4))
		s.argsz = fuzz_argsz(sizeof(s), &size_ok);
	p = place(k, &s, sizeof(s));
	err = fz_ioctl(OP_RING_SETUP, c->fd, ROC_RING_SETUP, p);
	valid = size_ok && !(s.flags & ~ROC_RING_SETUP_THREAD) && !s.reserved &&
		entries_ok(s.push_entries) && entries_ok(s.ready_entries) &&
		s.thread_idle_us <= 1000000 &&
		(!s.thread_idle_us || (s.flags & ROC_RING_SETUP_THREAD));
	if (valid && ptr_ok(k) && !c->ninflight)
		check_err(OP_RING_SETUP, err, ALLOWED(ENOMEM), "(valid call)");
	else if (valid && ptr_ok(k))
		check_err(OP_RING_SETUP, err, ALLOWED(EBUSY, ENOMEM), NULL);
	else
		check_err(OP_RING_SETUP, err, ALLOWED(EINVAL, EFAULT, E2BIG,
						      EBUSY, ENOMEM), NULL);
	if (!err && !valid)
		violation("RING_SETUP: accepted argsz %u flags 0x%x entries %u/%u"
			  " idle %u reserved %u", s.argsz, s.flags,
			  s.push_entries, s.ready_entries, s.thread_idle_us,
			  s.reserved);
	if (!err && ptr_ok(k)) {
		o = p;
		c->rs = *o;
		c->ring = true;
		c->prod = 0;
		c->rcons = 0;
		st->rings++;
		if (o->push_entries != (s.push_entries ? s.push_entries : 1024) ||
		    o->ready_entries != (s.ready_entries ? s.ready_entries : 1024) ||
		    o->push_size < o->push.desc + o->push_entries *
				   sizeof(struct roc_superpage) ||
		    o->ready_size < o->ready.desc + o->ready_entries *
				    sizeof(struct roc_ring_done)) {
			violation("RING_SETUP: entries %u/%u sizes %" PRIu64 "/%"
				  PRIu64, o->push_entries, o->ready_entries,
				  (uint64_t)o->push_size,
				  (uint64_t)o->ready_size);
			chan_close(c, true);
			return;
		}
		ring_map(c);
	} else if (!err || err == EFAULT) {
		/* Rings set up whose answer could not be written? */
		d = ring_enter(c, NULL);
		if (d >= 0) {
			/* We cannot know where they are: close with them. */
			count(OP_CHAN_CLOSE, 0);
			chan_close(c, false);
		}
	}
}

/* Publish a few entries; sometimes change the last after publication. */
static void op_ring_push(struct chan *c)
{
	uint32_t n = 1 + rn(chance(80) ? 4 : 32), i, cons;
	struct roc_superpage *slot = NULL, e;
	struct sp *f = NULL;
	int d;

	if (!ring_map(c))
		return;
	for (i = 0; i < n && c->ninflight < MAX_INFLIGHT; i++) {
		cons = load_acq(PUSH_CONS(c));
		if (c->prod - cons >= c->rs.push_entries)
			break;	/* full */
		slot = push_slot(c, c->prod);
		ring_entry(c, &e);
		*slot = e;
		ring_note(c, e.buf_id, e.offset, e.size, false);
		f = &c->inflight[c->ninflight++];
		memset(f, 0, sizeof(*f));
		f->cookie = e.cookie;
		f->buf = e.buf_id;
		f->offset = e.offset;
		f->size = e.size;
		st->ring_pub++;
		c->prod++;
		if (chance(30))
			store_rel(PUSH_PROD(c), c->prod);
	}
	store_rel(PUSH_PROD(c), c->prod);
	count(OP_RING_PUSH, 0);
	if (f && chance(15)) {
		/*
		 * Changed after publication: the kernel (or its thread, at
		 * this very moment) reads the old entry, the new one or a mix;
		 * whichever cookie it read comes back, once.
		 */
		ring_entry(c, &e);
		f->mutated = true;
		f->alt = e.cookie;
		f->alt_buf = e.buf_id;
		ring_note(c, f->buf, 0, 0, true);
		ring_note(c, e.buf_id, 0, 0, true);
		slot->buf_id = e.buf_id;
		slot->offset = e.offset;
		slot->size = e.size;
		slot->flags = e.flags;
		slot->cookie = e.cookie;
	}
	if (chance(60)) {
		d = ring_enter(c, NULL);
		check_err(OP_RING_ENTER, d < 0 ? -d : 0, ALLOWED(-1),
			  "(valid call)");
	}
}

static void op_ring_enter(struct chan *c)
{
	struct roc_ring_enter en = { .argsz = sizeof(en) };
	enum ptr_kind k = pick_ptr(6);
	bool size_ok = true;
	struct roc_ring_enter *o;
	void *p;
	int err;

	if (chance(8))
		en.argsz = fuzz_argsz(sizeof(en), &size_ok);
	if (chance(8))
		en.flags = 1U << rn(32);
	if (chance(8))
		en.pushed = interesting32();
	p = place(k, &en, sizeof(en));
	err = fz_ioctl(OP_RING_ENTER, c->fd, ROC_RING_ENTER, p);
	if (size_ok && !en.flags && ptr_ok(k)) {
		check_err(OP_RING_ENTER, err, ALLOWED(-1), "(valid call)");
		o = p;
		if (!err && (o->pushed > c->rs.push_entries ||
			     o->completed > c->rs.ready_entries))
			violation("RING_ENTER: pushed %u completed %u, rings of "
				  "%u/%u", o->pushed, o->completed,
				  c->rs.push_entries, c->rs.ready_entries);
	} else {
		check_err(OP_RING_ENTER, err, ALLOWED(EINVAL, EFAULT, E2BIG),
			  NULL);
		if (!err && (!size_ok || en.flags))
			violation("RING_ENTER: accepted argsz %u flags 0x%x",
				  en.argsz, en.flags);
	}
	if (chance(70) && c->rmap) {
		ring_consume(c, UINT32_MAX);
		count(OP_RING_CONSUME, 0);
	}
}

static void op_ring_consume(struct chan *c)
{
	if (!ring_map(c))
		return;
	ring_consume(c, chance(70) ? 1 + rn(64) : UINT32_MAX);
	count(OP_RING_CONSUME, 0);
}

/* Bring the push producer back to where the kernel is, after garbage. */
static void ring_resync(struct chan *c)
{
	uint32_t cons;
	int i, d;

	for (i = 0; i < 1000; i++) {
		cons = load_acq(PUSH_CONS(c));
		store_rel(PUSH_PROD(c), cons);
		d = ring_enter(c, NULL);
		if (d < 0) {
			violation("RING_ENTER: %s", strerror(-d));
			break;
		}
		/*
		 * A thread that moved in between sees a producer behind it,
		 * a full ring of poison: it stops when the ready ring is full.
		 */
		if (load_acq(PUSH_CONS(c)) == cons) {
			c->prod = cons;
			return;
		}
	}
	violation("ring: push consumer does not settle");
	c->prod = load_acq(PUSH_CONS(c));
}

/* Garbage in the index words, ours and the kernel's. */
static void op_ring_index(struct chan *c)
{
	volatile uint32_t *w;
	uint32_t n, v, p, i;

	if (!ring_map(c))
		return;
	count(OP_RING_INDEX, 0);
	switch (rn(3)) {
	case 0:		/* the push producer: garbage, backwards, too far */
		n = c->rs.push_entries;
		if (load_acq(PUSH_CONS(c)) != c->prod) {
			ring_enter(c, NULL);
			if (load_acq(PUSH_CONS(c)) != c->prod)
				return;	/* entries wait for room: later */
		}
		/* Everything consumed: poison every slot first. */
		for (i = 0; i < n; i++)
			memset(push_slot(c, i), 0, sizeof(struct roc_superpage));
		switch (rn(4)) {
		case 0: v = interesting32(); break;
		case 1: v = c->prod - 1 - rn(2 * n); break;
		case 2: v = c->prod + n + 1 + rn(n); break;
		default: v = c->prod + 1 + rn(n); break;
		}
		store_rel(PUSH_PROD(c), v);
		if (chance(70))
			ring_enter(c, NULL);
		ring_resync(c);
		ring_consume(c, UINT32_MAX);
		break;
	case 1:		/* the ready consumer, never past unread entries */
		n = c->rs.ready_entries;
		p = load_acq(READY_PROD(c));
		v = chance(50) ? interesting32() :
		    chance(50) ? c->rcons - 1 - rn(2 * n) : p + 1 + rn(2 * n);
		if (v - c->rcons - 1 < p - c->rcons)
			v = c->rcons - 1 - rn(n);
		store_rel(READY_CONS(c), v);
		ring_enter(c, NULL);
		store_rel(READY_CONS(c), c->rcons);
		break;
	default:	/* the kernel's words: rewritten at the next move */
		switch (rn(4)) {
		case 0: w = PUSH_CONS(c); break;
		case 1: w = READY_PROD(c); break;
		case 2: w = PUSH_FLAGS(c); break;
		default: w = READY_FLAGS(c); break;
		}
		*w = interesting32();
		if (ring_enter(c, NULL) < 0)
			violation("RING_ENTER failed after garbage indices");
		v = load_acq(PUSH_CONS(c));
		p = load_acq(READY_PROD(c));
		if (c->prod - v > c->rs.push_entries ||
		    p - c->rcons > c->rs.ready_entries)
			violation("ring: after a move push consumer %u (producer "
				  "%u), ready producer %u (consumer %u)", v,
				  c->prod, p, c->rcons);
		break;
	}
}

/*
 * Unmap the rings mid-run and touch them: only we get a SIGSEGV; map
 * them again; mappings the kernel must refuse.
 */
static void op_ring_mmap(struct chan *c)
{
	uint64_t off, len, size;
	volatile uint32_t *w;
	int flags, err;
	bool good;
	void *a;

	switch (rn(4)) {
	case 0:
	case 1:
		if (c->pmap && chance(60)) {
			w = PUSH_PROD(c);
			munmap(c->pmap, c->rs.push_size);
			c->pmap = NULL;
			if (probe_read(w) != SIGSEGV)
				violation("ring: push ring readable after munmap");
		}
		if (c->rmap && chance(60)) {
			w = READY_PROD(c);
			munmap(c->rmap, c->rs.ready_size);
			c->rmap = NULL;
			if (probe_read(w) != SIGSEGV)
				violation("ring: ready ring readable after munmap");
		}
		count(OP_RING_MMAP, 0);
		break;
	case 2:
		count(OP_RING_MMAP, 0);
		ring_map(c);
		break;
	default:
		off = chance(50) ? c->rs.push_mmap : c->rs.ready_mmap;
		size = off == c->rs.push_mmap ? c->rs.push_size :
		       c->rs.ready_size;
		if (chance(40))
			off = chance(50) ? interesting64() & ~(PAGE - 1) :
			      off + PAGE * (1 + rn(4));
		len = chance(50) ? size : chance(50) ? PAGE :
		      size + PAGE * (1 + rn(4));
		flags = chance(25) ? MAP_PRIVATE : MAP_SHARED;
		a = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, c->fd, off);
		err = a == MAP_FAILED ? errno : 0;
		/* The offset may have become the other ring's. */
		good = flags == MAP_SHARED &&
		       ((off == c->rs.push_mmap && len <= c->rs.push_size) ||
			(off == c->rs.ready_mmap && len <= c->rs.ready_size));
		if (good) {
			check_err(OP_RING_MMAP, err, ALLOWED(ENOMEM),
				  "(a valid ring mapping)");
		} else {
			check_err(OP_RING_MMAP, err, ALLOWED(EINVAL, ENOMEM,
							     EOVERFLOW, ENXIO),
				  NULL);
			if (!err)
				violation("ring: mmap at %" PRIx64 " of %" PRIx64
					  " bytes (%s) accepted", off, len,
					  flags == MAP_SHARED ? "shared" :
					  "private");
		}
		if (!err)
			munmap(a, len);
		break;
	}
}

/* ROC_PUSH, ROC_POP, a second ROC_RING_SETUP: the rings own the channel. */
static void op_ring_ioctl(struct chan *c)
{
	struct roc_superpage s = { .size = ROC_SUPERPAGE_ALIGN };
	struct roc_ready r[4];
	const char *what;
	int err;

	switch (rn(3)) {
	case 0: {
		struct roc_push pu = { .argsz = sizeof(pu), .count = 1,
				       .entries = (uintptr_t)&s };

		good_sp(c, &s);
		s.cookie = ++next_cookie;
		what = "PUSH";
		err = ioctl(c->fd, ROC_PUSH, &pu) ? errno : 0;
		break;
	}
	case 1: {
		struct roc_pop po = { .argsz = sizeof(po), .max = 4,
				      .entries = (uintptr_t)r };

		what = "POP";
		err = ioctl(c->fd, ROC_POP, &po) ? errno : 0;
		break;
	}
	default: {
		struct roc_ring_setup rs = { .argsz = sizeof(rs) };

		what = "RING_SETUP";
		err = ioctl(c->fd, ROC_RING_SETUP, &rs) ? errno : 0;
		break;
	}
	}
	check_err(OP_RING_IOCTL, err, ALLOWED(EBUSY), what);
	if (!err)
		violation("%s on a channel with rings: accepted", what);
}

/* ---- netlink ---------------------------------------------------------------------- */

static int nl_fd = -1;
static uint16_t nl_family;
static uint32_t nl_seq;

struct nlreq {
	struct nlmsghdr n;
	struct genlmsghdr g;
	uint8_t attrs[512];
};

static int nl_send(struct nlreq *r, size_t len)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	return sendto(nl_fd, r, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0 ?
	       -errno : 0;
}

static void nl_put(struct nlreq *r, size_t *len, uint16_t type,
		   const void *data, uint16_t dlen)
{
	struct nlattr *a = (struct nlattr *)((uint8_t *)r + *len);

	if (*len + NLA_HDRLEN + NLA_ALIGN(dlen) > sizeof(*r))
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + dlen;
	memcpy((uint8_t *)a + NLA_HDRLEN, data, dlen);
	*len += NLA_ALIGN(a->nla_len);
}

/* Walk attributes: all lengths must fit. */
static bool nl_attrs_ok(const uint8_t *p, int len, int depth)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return false;
		if ((a->nla_type & NLA_F_NESTED || (a->nla_type & NLA_TYPE_MASK) ==
		     ROC_A_DEV_CHANNEL) && depth == 0 &&
		    !nl_attrs_ok(p + NLA_HDRLEN, a->nla_len - NLA_HDRLEN, 1))
			return false;
		len -= NLA_ALIGN(a->nla_len);
		p += NLA_ALIGN(a->nla_len);
	}
	return true;
}

/*
 * Read the answers to request @seq: returns 0 or the negative error of an
 * NLMSG_ERROR, -ETIME if none came.  Checks the messages are well-formed.
 */
static int nl_recv(uint32_t seq, int *nmsgs, int timeout_ms)
{
	static uint8_t buf[65536];
	struct pollfd pfd = { .fd = nl_fd, .events = POLLIN };
	int ret = -ETIME;

	*nmsgs = 0;
	for (;;) {
		struct nlmsghdr *h;
		ssize_t n;
		int len;

		if (poll(&pfd, 1, timeout_ms) <= 0)
			return ret;
		n = recv(nl_fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		len = n;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, len);
		     h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != seq)
				continue;	/* stale answer */
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);

				return e->error;
			}
			(*nmsgs)++;
			st->nl_msgs++;
			if (h->nlmsg_type != nl_family ||
			    h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
			    !nl_attrs_ok((uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN,
					 h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN,
					 0))
				violation("netlink: malformed answer type %u len %u",
					  h->nlmsg_type, h->nlmsg_len);
			if (!(h->nlmsg_flags & NLM_F_MULTI))
				ret = 0;
		}
		if (len)
			violation("netlink: %d trailing bytes", len);
	}
}

static int nl_init(void)
{
	struct nlreq r = { 0 };
	static uint8_t buf[8192];
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN;
	struct nlmsghdr *h;
	ssize_t n;
	int nlen;

	nl_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl_fd < 0)
		return -errno;
	r.n.nlmsg_type = GENL_ID_CTRL;
	r.n.nlmsg_flags = NLM_F_REQUEST;
	r.n.nlmsg_seq = ++nl_seq;
	r.g.cmd = CTRL_CMD_GETFAMILY;
	r.g.version = 1;
	nl_put(&r, &len, CTRL_ATTR_FAMILY_NAME, ROC_FAMILY_NAME,
	       sizeof(ROC_FAMILY_NAME));
	r.n.nlmsg_len = len;
	if (nl_send(&r, len))
		return -errno;
	n = recv(nl_fd, buf, sizeof(buf), 0);
	if (n < 0)
		return -errno;
	nlen = n;
	for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, nlen);
	     h = NLMSG_NEXT(h, nlen)) {
		uint8_t *p = (uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN;
		int alen = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

		if (h->nlmsg_type == NLMSG_ERROR)
			return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
		while (alen >= NLA_HDRLEN) {
			struct nlattr *a = (struct nlattr *)p;

			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				nl_family = *(uint16_t *)(p + NLA_HDRLEN);
			alen -= NLA_ALIGN(a->nla_len);
			p += NLA_ALIGN(a->nla_len);
		}
	}
	return nl_family ? 0 : -ENOENT;
}

static void op_netlink(void)
{
	struct nlreq r = { 0 };
	size_t len = NLMSG_HDRLEN + GENL_HDRLEN;
	enum op op;
	int ret, nmsgs, i, n;
	uint32_t id;

	r.n.nlmsg_type = nl_family;
	r.n.nlmsg_seq = ++nl_seq;
	r.g.cmd = ROC_CMD_DEV_GET;
	r.g.version = ROC_FAMILY_VERSION;
	switch (rn(3)) {
	case 0:		/* do: a real id or not */
		op = OP_NL_DO;
		r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
		id = chance(70) ? (uint32_t)atoi(pick_dev()->path + 8) :
		     interesting32();
		nl_put(&r, &len, ROC_A_DEV_ID, &id, sizeof(id));
		break;
	case 1:		/* dump */
		op = OP_NL_DUMP;
		r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK;
		break;
	default:	/* anything */
		op = OP_NL_RANDOM;
		r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK |
				  (chance(30) ? NLM_F_DUMP : 0) |
				  (chance(10) ? (uint16_t)rnd() : 0);
		r.g.cmd = chance(50) ? rn(8) : rnd();
		r.g.version = chance(80) ? ROC_FAMILY_VERSION : rnd();
		r.g.reserved = chance(90) ? 0 : rnd();
		n = rn(6);
		for (i = 0; i < n; i++) {
			uint8_t data[64];
			uint16_t type = chance(80) ? rn(ROC_A_DEV_MAX + 3) : rnd();
			uint16_t dlen = chance(50) ? 4 : rn(sizeof(data));
			unsigned int j;

			for (j = 0; j < sizeof(data); j++)
				data[j] = rnd();
			if (chance(10))
				type |= NLA_F_NESTED;
			nl_put(&r, &len, type, data, dlen);
		}
		/* A lying attribute length now and then. */
		if (chance(10) && len > NLMSG_HDRLEN + GENL_HDRLEN) {
			struct nlattr *a = (struct nlattr *)((uint8_t *)&r +
				NLMSG_HDRLEN + GENL_HDRLEN);

			a->nla_len = chance(50) ? 0xffff : rn(4);
		}
		break;
	}
	r.n.nlmsg_len = len;
	if (op == OP_NL_RANDOM && chance(5))
		r.n.nlmsg_len = rn(len + 16);
	ret = nl_send(&r, len);
	if (ret) {
		check_err(op, -ret, ALLOWED(ENOBUFS, EINVAL, ENOMEM), NULL);
		return;
	}
	/* A message with a lying length may get no answer: do not wait. */
	ret = nl_recv(r.n.nlmsg_seq, &nmsgs, r.n.nlmsg_len != len ? 0 : 10000);
	if (ret == -ETIME && op == OP_NL_RANDOM && r.n.nlmsg_len != len)
		ret = 0;	/* a truncated message may get no answer */
	if (ret == -ETIME && op == OP_NL_RANDOM &&
	    !(r.n.nlmsg_flags & NLM_F_REQUEST))
		ret = 0;
	switch (op) {
	case OP_NL_DO:
		check_err(op, -ret, ALLOWED(ENODEV, ERANGE, EINVAL), NULL);
		break;
	case OP_NL_DUMP:
		check_err(op, -ret, ALLOWED(-1), "(dump)");
		if (!ret && nmsgs < ndevs)
			violation("netlink dump: %d endpoints, expected >= %d",
				  nmsgs, ndevs);
		break;
	default:
		check_err(op, -ret, ALLOWED(EINVAL, EOPNOTSUPP, ENODEV, ERANGE,
					    ENOENT, EPERM, EMSGSIZE, ENOBUFS),
			  NULL);
		break;
	}
}

/* ---- capabilities ------------------------------------------------------------------ */

static void drop_caps(void)
{
	struct __user_cap_header_struct h = { .version =
					      _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	struct rlimit rl = { 64 * MiB, 64 * MiB };
	int cap[] = { CAP_SYS_RAWIO, CAP_IPC_LOCK }, i;

	if (syscall(SYS_capget, &h, d))
		return;
	for (i = 0; i < 2; i++) {
		prctl(PR_CAPBSET_DROP, cap[i], 0, 0, 0);
		d[cap[i] / 32].effective &= ~(1U << (cap[i] % 32));
		d[cap[i] / 32].permitted &= ~(1U << (cap[i] % 32));
		d[cap[i] / 32].inheritable &= ~(1U << (cap[i] % 32));
	}
	if (syscall(SYS_capset, &h, d))
		perror("roc-fuzz: capset");
	setrlimit(RLIMIT_MEMLOCK, &rl);
}

/* ---- one worker ------------------------------------------------------------------- */

static volatile sig_atomic_t stop_now;

static void on_alarm(int sig)
{
	(void)sig;
	stop_now = 1;
}

/* Reopen a device read-only (sometimes) or read-write. */
static void op_reopen(void)
{
	struct dev *dd = pick_dev();

	/* Channels and mappings outlive the device fd. */
	close(dd->fd);
	count(OP_DEV_REOPEN, dev_open(dd, chance(10)) ? errno : 0);
	if (dd->fd < 0 && dev_open(dd, false))
		violation("reopen %s: %s", dd->path, strerror(errno));
}

/* One random operation. */
static void run_one(struct chan *c, struct dev *d, unsigned int r)
{
	if (!c || r < 30) {
		/* Device-level operations. */
		switch (rn(13)) {
		case 0: op_get_info(d); break;
		case 1: op_get_bar_info(d); break;
		case 2: case 3: op_reg_batch(d); break;
		case 4: case 5: case 6: op_chan_open(d); break;
		case 7: op_chan_query(d); break;
		case 8: op_bad_ioctl(OP_DEV_BAD_IOCTL, d->fd, dev_cmds, 5,
				     chan_cmds, NCHAN_CMDS);
			break;
		case 9: op_mmap(d); break;
		case 10: op_mprotect(); break;
		case 11: op_munmap(); break;
		default:
			if (chance(50))
				op_netlink();
			else
				op_reopen();
			break;
		}
		return;
	}
	/*
	 * Weights per 1000.  Starting DMA, registering buffers, closing
	 * channels and netlink dumps take 10-100 ms each under emulation,
	 * ioctls on a running channel well below 1 ms: the slow ones are
	 * rare enough that the fast ones make up most of the calls.
	 */
	if (r < 20) {
		op_netlink();
	} else if (r < 60) {
		op_mmap(d);
	} else if (r < 90) {
		op_munmap();
	} else if (r < 100) {
		op_mprotect();
	} else if (r < 200) {
		op_reg_batch(d);
	} else if (r < 210) {
		op_chan_open(d);
	} else if (r < 240) {
		op_chan_query(d);
	} else if (r < 270) {
		op_get_info(d);
	} else if (r < 300) {
		op_get_bar_info(d);
	} else if (r < 340) {
		op_bad_ioctl(OP_DEV_BAD_IOCTL, d->fd, dev_cmds, 5,
			     chan_cmds, NCHAN_CMDS);
	} else if (r < 350) {
		op_buf_reg(c);
	} else if (r < 360) {
		op_buf_unreg(c);
	} else if (r < 372) {
		op_start(c);
	} else if (r < 380) {
		op_stop(c);
	} else if (r < 382) {
		op_reset(c);
	} else if (c->ring && r < 850) {
		/* Rings (issue 14): the share of push and pop. */
		if (r < 386)
			op_ring_ioctl(c);
		else if (r < 560)
			op_ring_push(c);
		else if (r < 640)
			op_ring_enter(c);
		else if (r < 740)
			op_ring_consume(c);
		else if (r < 800)
			op_ring_enter(c);
		else if (r < 835)
			op_ring_index(c);
		else
			op_ring_mmap(c);
	} else if (r < 386) {
		op_ring_setup(c);
	} else if (r < 640) {
		op_push(c);
	} else if (r < 850) {
		op_pop(c);
	} else if (r < 910) {
		op_status(c);
	} else if (r < 950) {
		op_poll(c);
	} else if (r < 985) {
		op_bad_ioctl(OP_CHAN_BAD_IOCTL, c->fd, chan_cmds, NCHAN_CMDS,
			     dev_cmds, 5);
	} else if (r < 992) {
		count(OP_CHAN_CLOSE, 0);
		/* Sometimes close with DMA running and pages in flight. */
		chan_close(c, chance(50));
	} else {
		op_reopen();
	}
}

static void run_worker(uint64_t calls, double seconds)
{
	struct timespec t0, t;
	unsigned int i;

	rng_state = worker_seed * 0x9E3779B97F4A7C15ULL + 1;
	next_cookie = (uint64_t)worker << 40;
	arena_init();
	drop_caps();
	signal(SIGSEGV, on_fault);
	signal(SIGBUS, on_fault);
	for (i = 0; i < (unsigned int)ndevs; i++)
		if (dev_open(&devs[i], false))
			violation("open %s: %s", devs[i].path, strerror(errno));
	if (nl_init())
		violation("netlink: family %s not found", ROC_FAMILY_NAME);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	while (ncall < calls && !stop_now) {
		struct chan *c = pick_chan();
		struct dev *d = pick_dev();
		unsigned int r = rn(1000);
		uint64_t before = ncall, t_op = now_ns();

		if ((ncall & 255) == 0 && seconds > 0) {
			clock_gettime(CLOCK_MONOTONIC, &t);
			if (t.tv_sec - t0.tv_sec + (t.tv_nsec - t0.tv_nsec) / 1e9 >
			    seconds)
				break;
		}
		run_one(c, d, r);
		if (ncall != before)
			st->ns[last_op] += now_ns() - t_op;
	}

	for (i = 0; i < MAX_CHANS; i++)
		if (chans[i].used)
			chan_close(&chans[i], true);
	for (i = 0; i < MAX_MAPS; i++)
		if (maps[i].used)
			munmap(maps[i].addr, maps[i].len);
	st->done = 1;
}

/* ---- main ---------------------------------------------------------------------------- */

static void usage(FILE *f, int status)
{
	fprintf(f,
		"usage: roc-fuzz [--calls N] [--procs N] [--seed S] [--time S] [--all]\n"
		"                [--verbose] [DEVICE...]\n"
		"Fuzz roc's ioctls, mmap, poll and netlink on simulated endpoints\n"
		"(all of them unless DEVICEs are named; --all: real cards too).\n"
		"  --calls N   total operations, shared by the workers (default 20000)\n"
		"  --procs N   worker processes (default 4)\n"
		"  --seed S    base seed; worker i uses S + i (default: time)\n"
		"  --time S    stop after S seconds (default: no limit)\n"
		"Prints calls per type, the errno histogram and TAP; exits 1 on a\n"
		"violated invariant.\n");
	exit(status);
}

static int find_devs(bool all)
{
	char path[64];
	int i;

	for (i = 0; i < 256 && ndevs < MAX_DEVS; i++) {
		struct dev *d = &devs[ndevs];

		snprintf(d->path, sizeof(d->path), "/dev/roc%d", i);
		if (access(d->path, F_OK))
			continue;
		if (dev_probe(d))
			continue;
		close(d->fd);
		if (!all && !(d->info.flags & ROC_INFO_FLAG_SIMULATED))
			continue;
		ndevs++;
	}
	(void)path;
	return ndevs;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "calls", required_argument, NULL, 'c' },
		{ "procs", required_argument, NULL, 'p' },
		{ "seed", required_argument, NULL, 's' },
		{ "time", required_argument, NULL, 't' },
		{ "all", no_argument, NULL, 'a' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	uint64_t calls = 20000, seed = time(NULL), total[OP_COUNT] = { 0 };
	uint64_t sum = 0, viol = 0, pushed = 0, popped = 0, done_sp = 0;
	uint64_t bytes = 0, starts = 0, bufs = 0, nlm = 0;
	uint64_t rings = 0, ring_pub = 0, ring_refused = 0;
	double seconds = 0, el;
	struct timespec t0, t1;
	int procs = 4, o, i, j, failed_workers = 0, tap = 0;
	bool all = false;
	pid_t *pids;

	while ((o = getopt_long(argc, argv, "c:p:s:t:avh", opts, NULL)) != -1) {
		switch (o) {
		case 'c': calls = strtoull(optarg, NULL, 0); break;
		case 'p': procs = atoi(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = atof(optarg); break;
		case 'a': all = true; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout, 0); break;
		default: usage(stderr, 2);
		}
	}
	if (procs < 1 || procs > 256)
		usage(stderr, 2);
	for (i = optind; i < argc && ndevs < MAX_DEVS; i++) {
		snprintf(devs[ndevs].path, sizeof(devs[0].path), "%s", argv[i]);
		if (dev_probe(&devs[ndevs])) {
			fprintf(stderr, "roc-fuzz: %s: not a roc endpoint\n",
				argv[i]);
			return 1;
		}
		close(devs[ndevs].fd);
		ndevs++;
	}
	if (!ndevs && !find_devs(all)) {
		fprintf(stderr, "roc-fuzz: no simulated roc endpoint found\n");
		return 1;
	}
	printf("# roc-fuzz: %d endpoints, %d workers, %" PRIu64 " calls, seed %"
	       PRIu64 "\n", ndevs, procs, calls, seed);
	for (i = 0; i < ndevs; i++)
		printf("#   %s %s channels %u\n", devs[i].path,
		       devs[i].info.card_type == ROC_CARD_CRU ? "CRU" : "C-RORC",
		       devs[i].info.num_channels);
	fflush(stdout);

	all_stats = mmap(NULL, procs * sizeof(*all_stats),
			 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			 -1, 0);
	if (all_stats == MAP_FAILED)
		return 1;
	pids = calloc(procs, sizeof(*pids));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < procs; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			worker = i;
			worker_seed = seed + i;
			st = &all_stats[i];
			signal(SIGALRM, on_alarm);
			if (seconds > 0)
				alarm((unsigned int)seconds + 1);
			run_worker(calls / procs + (i < (int)(calls % procs)),
				   seconds);
			_exit(0);
		}
	}
	for (i = 0; i < procs; i++) {
		int status;

		waitpid(pids[i], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) ||
		    !all_stats[i].done) {
			failed_workers++;
			printf("# worker %d (seed %" PRIu64 ") %s %d\n", i,
			       seed + i, WIFSIGNALED(status) ? "killed by signal" :
			       "exited with", WIFSIGNALED(status) ?
			       WTERMSIG(status) : WEXITSTATUS(status));
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	el = t1.tv_sec - t0.tv_sec + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	for (i = 0; i < procs; i++) {
		struct stats *s = &all_stats[i];

		for (j = 0; j < OP_COUNT; j++) {
			total[j] += s->calls[j];
			sum += s->calls[j];
		}
		viol += s->violations;
		pushed += s->pushed;
		popped += s->popped;
		done_sp += s->popped_done;
		bytes += s->bytes;
		starts += s->dma_starts;
		bufs += s->buffers;
		nlm += s->nl_msgs;
		rings += s->rings;
		ring_pub += s->ring_pub;
		ring_refused += s->ring_refused;
	}
	printf("# %-22s %10s %8s  errno histogram\n", "call", "count",
	       "us/call");
	for (j = 0; j < OP_COUNT; j++) {
		char hist[512] = "";
		size_t hl = 0;
		uint64_t ns = 0;
		int e;

		for (i = 0; i < procs; i++)
			ns += all_stats[i].ns[j];

		for (e = 0; e < MAX_ERRNO; e++) {
			uint64_t n = 0;

			for (i = 0; i < procs; i++)
				n += all_stats[i].err[j][e];
			if (n && hl < sizeof(hist) - 40)
				hl += snprintf(hist + hl, sizeof(hist) - hl,
					       " %s:%" PRIu64,
					       e ? strerrorname_np(e) ?: "?" : "ok",
					       n);
		}
		printf("# %-22s %10" PRIu64 " %8.0f %s\n", op_names[j], total[j],
		       total[j] ? ns / 1000.0 / total[j] : 0.0, hist);
	}
	printf("# total %" PRIu64 " calls in %.1f s: %.0f calls/s; %" PRIu64
	       " DMA starts, %" PRIu64 " buffers, %" PRIu64 " superpages pushed, %"
	       PRIu64 " popped (%" PRIu64 " filled, %" PRIu64 " MB), %" PRIu64
	       " netlink messages\n", sum, el, sum / (el > 0 ? el : 1), starts,
	       bufs, pushed, popped, done_sp, bytes / 1000000, nlm);
	printf("# rings: %" PRIu64 " set up, %" PRIu64 " entries published, %"
	       PRIu64 " refused (poison included)\n", rings, ring_pub,
	       ring_refused);
	if (viol)
		for (i = 0; i < procs; i++)
			if (all_stats[i].violations)
				printf("# worker %d: %" PRIu64 " violations, first: %s\n",
				       i, all_stats[i].violations,
				       all_stats[i].first_violation);

	printf("TAP version 13\n1..5\n");
	printf("%sok %d - %" PRIu64 " calls by %d workers (seed %" PRIu64 ")\n",
	       sum >= calls / 2 || seconds > 0 ? "" : "not ", ++tap, sum, procs,
	       seed);
	printf("%sok %d - workers ended by themselves\n",
	       failed_workers ? "not " : "", ++tap);
	printf("%sok %d - no violated invariant (%" PRIu64 ")\n",
	       viol ? "not " : "", ++tap, viol);
	printf("%sok %d - DMA ran under the fuzzer (%" PRIu64 " superpages filled)\n",
	       done_sp ? "" : "not ", ++tap, done_sp);
	/* A short run may not get to set up a ring. */
	printf("%sok %d - rings ran under the fuzzer (%" PRIu64 " set up, %"
	       PRIu64 " entries published)\n",
	       rings || sum < 5000 ? "" : "not ", ++tap, rings, ring_pub);
	return viol || failed_workers || !done_sp || (!rings && sum >= 5000) ?
	       1 : 0;
}
