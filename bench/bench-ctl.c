// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench-ctl - the control path: ns per superpage for push -> ready -> pop
 * through the raw ioctls of uapi/linux/roc.h, no library in between.
 *
 * The simulated card runs in no-data mode (debugfs no_data = 1, set by the
 * caller), so that what is measured is the driver and the card protocol,
 * not the memory writes.  One cycle pushes --batch superpages of 32 KiB
 * in one ROC_PUSH and takes them back with ROC_POP (max = batch):
 *
 *   --mode ioctl   ROC_POP in a loop until all came back (busy polling)
 *   --mode poll    poll(POLLIN) before each ROC_POP (the kernel's timer,
 *                  roc.poll_interval_us, wakes the waiter)
 *   --mode ring    the push and ready rings (ROC_RING_SETUP): publish the
 *                  batch, one ROC_RING_ENTER, poll() when nothing came back
 *   --mode thread  the rings with the kernel's ring thread, streaming as a
 *                  reader does: two batches in flight, each superpage
 *                  published again as soon as it comes back; a system
 *                  call only when the push ring's NEED_WAKEUP flag asks
 *                  for one, or to yield or sleep when nothing came back
 *
 * Per call, p50 and p99 of the time inside ROC_PUSH/ROC_POP (ioctl, poll)
 * or ROC_RING_ENTER (ring) or of a pass over the rings that found
 * superpages (thread) are reported, and, as ratios to getppid() measured
 * right before each repeat, those percentiles, the CPU per superpage and
 * the system calls per superpage.  With the ring thread, its CPU time
 * (/proc/PID/schedstat of "roc<N>-ring<channel>") is reported per
 * superpage too, and the total with this process's.
 *
 * --regs FILE (roc_sim debugfs ep<N>/registers) counts the card register
 * reads and writes per superpage instead of timing: split into push,
 * harvest (ROC_POP calls that returned superpages) and waiting (poll()
 * and empty ROC_POPs) for the ioctl modes, and overall (reads_per_sp,
 * writes_per_sp, the ring thread's accesses included).  The file is read
 * around each call, so use it in a run of its own.
 *
 * Reported per superpage, per repeat of --time seconds: wall-clock ns,
 * CPU ns of this process (user + system), system calls made, and the
 * driver's share: ns spent inside ROC_PUSH and inside the ROC_POP calls
 * that returned superpages, and the number of those calls.  Wall and CPU
 * time include waiting for the (simulated) card, and the CPU time of a
 * busy ROC_POP loop is its wall time; the time inside the productive
 * ioctls is what the driver costs per superpage whatever the card does.
 */
#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/roc.h>

#include "bench.h"

#define MAX_BATCH 64
#define MAX_SLOTS (2 * MAX_BATCH)	/* superpages in flight, --mode thread */
#define MAX_CALLS (1 << 20)	/* per-call times kept per repeat */

enum ctl_mode { MODE_IOCTL, MODE_POLL, MODE_RING, MODE_THREAD };

struct uring {
	uint8_t *map;
	size_t len;
	_Atomic uint32_t *prod, *cons, *flags;
	void *desc;
	uint32_t mask;
};

/* Register counts of the simulated endpoint, per phase. */
enum { PH_PUSH, PH_HARVEST, PH_WAIT, PH_N };

struct ctl {
	int fd;			/* channel fd */
	uint32_t buf_id;
	unsigned int batch;
	enum ctl_mode mode;
	uint64_t sp_size;
	int regs_fd;		/* --regs, else -1 */
	long long reads[PH_N], writes[PH_N];
	double *calls;		/* ns of each productive call */
	uint64_t regs_sp;	/* superpages counted with --regs */
	long long total_r, total_w;	/* all accesses, also the ring thread's */
	size_t ncalls;
	struct uring push, ready;
	uint64_t syscalls;	/* into roc: ioctl(), poll() */
	uint64_t yields;	/* sched_yield() while waiting (thread mode) */
	uint64_t work_calls;	/* ROC_PUSH and ROC_POP returning entries */
	double work_s;		/* time inside them */
	unsigned int slots;	/* superpages of the buffer in use */
	int thread_stat;	/* the ring thread's schedstat, else -1 */
	struct roc_superpage sp[MAX_SLOTS];
	struct roc_ready rd[MAX_BATCH];
};

static void regs_read(struct ctl *c, long long *r, long long *w)
{
	char buf[128];
	ssize_t n = pread(c->regs_fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		die("--regs: %s", n < 0 ? strerror(errno) : "empty");
	buf[n] = 0;
	if (sscanf(buf, "reads %lld writes %lld", r, w) != 2)
		die("--regs: not a roc_sim registers file");
}

/* Bracket a call: phase @ph gets the register accesses since @r0/@w0. */
static void regs_begin(struct ctl *c, long long *r0, long long *w0)
{
	if (c->regs_fd >= 0)
		regs_read(c, r0, w0);
}

static void regs_end(struct ctl *c, int ph, long long r0, long long w0)
{
	long long r, w;

	if (c->regs_fd < 0)
		return;
	regs_read(c, &r, &w);
	c->reads[ph] += r - r0;
	c->writes[ph] += w - w0;
}

/* A call (or ring pass) that moved superpages took @s seconds. */
static void note_call(struct ctl *c, double s)
{
	c->work_s += s;
	if (c->ncalls < MAX_CALLS)
		c->calls[c->ncalls++] = s * 1e9;
}

static void ring_map(struct ctl *c, struct uring *r, uint64_t off,
		     uint64_t len, const struct roc_ring_offsets *o,
		     uint32_t entries)
{
	r->map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, off);
	if (r->map == MAP_FAILED)
		die("mmap of a ring: %s", strerror(errno));
	r->len = len;
	r->prod = (_Atomic uint32_t *)(r->map + o->producer);
	r->cons = (_Atomic uint32_t *)(r->map + o->consumer);
	r->flags = (_Atomic uint32_t *)(r->map + o->flags);
	r->desc = r->map + o->desc;
	r->mask = entries - 1;
}

static void ring_setup(struct ctl *c)
{
	struct roc_ring_setup rs = { .argsz = sizeof(rs) };

	if (c->mode == MODE_THREAD) {
		rs.flags = ROC_RING_SETUP_THREAD;
		rs.thread_idle_us = 20000;
	}
	if (ioctl(c->fd, ROC_RING_SETUP, &rs))
		die("ROC_RING_SETUP: %s", strerror(errno));
	ring_map(c, &c->push, rs.push_mmap, rs.push_size, &rs.push,
		 rs.push_entries);
	ring_map(c, &c->ready, rs.ready_mmap, rs.ready_size, &rs.ready,
		 rs.ready_entries);
}

static void ring_enter(struct ctl *c)
{
	struct roc_ring_enter en = { .argsz = sizeof(en) };
	long long r0 = 0, w0 = 0;
	double t0 = bench_now();

	regs_begin(c, &r0, &w0);
	c->syscalls++;
	if (ioctl(c->fd, ROC_RING_ENTER, &en))
		die("ROC_RING_ENTER: %s", strerror(errno));
	if (c->mode == MODE_RING)	/* thread: within its ring pass */
		note_call(c, bench_now() - t0);
	regs_end(c, PH_HARVEST, r0, w0);
}

/*
 * Publish the first @n superpages on the push ring; enter the kernel
 * (--mode ring), or only if the ring thread asks for it (--mode thread).
 */
static void ring_publish(struct ctl *c, unsigned int n)
{
	uint32_t p = atomic_load_explicit(c->push.prod, memory_order_relaxed);
	struct roc_superpage *d = c->push.desc;

	for (unsigned int i = 0; i < n; i++)
		d[(p + i) & c->push.mask] = c->sp[i];
	atomic_store_explicit(c->push.prod, p + n, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (c->mode == MODE_RING ||
	    atomic_load(c->push.flags) & ROC_RING_NEED_WAKEUP)
		ring_enter(c);
}

/* One batch through the rings. */
static void ring_cycle(struct ctl *c)
{
	const struct roc_ring_done *rd = c->ready.desc;
	unsigned int got = 0;

	ring_publish(c, c->batch);
	while (got < c->batch) {
		uint32_t cn = atomic_load_explicit(c->ready.cons, memory_order_relaxed);
		uint32_t pr = atomic_load_explicit(c->ready.prod, memory_order_acquire);

		for (; cn != pr; cn++, got++) {
			const struct roc_ring_done *e = &rd[cn & c->ready.mask];

			if (e->error || !(e->ready.flags & ROC_READY_DONE))
				die("superpage %llu came back with error %d flags 0x%x",
				    (unsigned long long)e->ready.cookie, e->error,
				    e->ready.flags);
		}
		atomic_store_explicit(c->ready.cons, cn, memory_order_release);
		if (got >= c->batch)
			break;
		if (c->mode == MODE_THREAD &&
		    !(atomic_load(c->push.flags) & ROC_RING_NEED_WAKEUP)) {
			sched_yield();	/* the thread may share the CPU */
			continue;
		}
		if (c->mode == MODE_RING) {
			ring_enter(c);
			if (atomic_load(c->ready.prod) != cn)
				continue;
		}
		{
			struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
			long long r0 = 0, w0 = 0;

			regs_begin(c, &r0, &w0);
			c->syscalls++;
			if (poll(&pfd, 1, 5000) != 1)
				die("poll: %s", errno ? strerror(errno) :
				    "no superpage came back in 5 s");
			regs_end(c, PH_WAIT, r0, w0);
		}
	}
	c->work_calls++;
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	atomic_signal_fence(memory_order_seq_cst);
#endif
}

/*
 * --mode thread: wait until the ready ring has entries beyond @cn: spin a
 * while, then yield (the ring thread and, on roc_sim, the simulated card
 * may need this CPU) or, if the thread went to sleep, poll().  Both are
 * counted: poll() as a system call into roc, the yields apart.
 */
static void ring_stream_wait(struct ctl *c, uint32_t cn)
{
	unsigned int spins = 0;

	while (atomic_load_explicit(c->ready.prod, memory_order_acquire) == cn) {
		if (++spins < 256) {
			cpu_relax();
			continue;
		}
		spins = 0;
		if (atomic_load(c->push.flags) & ROC_RING_NEED_WAKEUP) {
			struct pollfd pfd = { .fd = c->fd, .events = POLLIN };

			c->syscalls++;
			if (poll(&pfd, 1, 5000) != 1)
				die("poll: %s", errno ? strerror(errno) :
				    "no superpage came back in 5 s");
		} else {
			c->yields++;
			sched_yield();
		}
	}
}

/*
 * --mode thread: take what came back and publish the same superpages
 * again at once; the time of such a pass is the consumer's control-path
 * work.  Returns the superpages that came back.
 */
static unsigned int ring_stream(struct ctl *c)
{
	const struct roc_ring_done *rd = c->ready.desc;
	struct roc_superpage *d = c->push.desc;
	uint32_t cn = atomic_load_explicit(c->ready.cons, memory_order_relaxed);
	uint32_t pr, p;
	unsigned int got = 0;
	double t0;

	ring_stream_wait(c, cn);
	t0 = bench_now();
	pr = atomic_load_explicit(c->ready.prod, memory_order_acquire);
	p = atomic_load_explicit(c->push.prod, memory_order_relaxed);
	for (; cn != pr; cn++, got++) {
		const struct roc_ring_done *e = &rd[cn & c->ready.mask];

		if (e->error || !(e->ready.flags & ROC_READY_DONE) ||
		    e->ready.cookie >= c->slots)
			die("superpage %llu came back with error %d flags 0x%x",
			    (unsigned long long)e->ready.cookie, e->error,
			    e->ready.flags);
		d[p++ & c->push.mask] = c->sp[e->ready.cookie];
	}
	atomic_store_explicit(c->ready.cons, cn, memory_order_release);
	atomic_store_explicit(c->push.prod, p, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load(c->push.flags) & ROC_RING_NEED_WAKEUP)
		ring_enter(c);
	c->work_calls++;
	note_call(c, bench_now() - t0);
	return got;
}

/* The ring thread of @channel: its /proc/PID/schedstat, else -1. */
static int ring_thread_stat(unsigned int channel)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int fd = -1;

	if (!d)
		return -1;
	while (fd < 0 && (e = readdir(d))) {
		char path[300], comm[32];
		unsigned int ep, ch;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (fgets(comm, sizeof(comm), f) &&
		    sscanf(comm, "roc%u-ring%u", &ep, &ch) == 2 && ch == channel) {
			snprintf(path, sizeof(path), "/proc/%s/schedstat",
				 e->d_name);
			fd = open(path, O_RDONLY | O_CLOEXEC);
		}
		fclose(f);
	}
	closedir(d);
	return fd;
}

/* CPU seconds the ring thread has run, 0 without one. */
static double ring_thread_cpu(const struct ctl *c)
{
	char buf[96];
	ssize_t n;

	if (c->thread_stat < 0)
		return 0;
	n = pread(c->thread_stat, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		die("the ring thread's schedstat: %s",
		    n < 0 ? strerror(errno) : "empty");
	buf[n] = 0;
	return strtoull(buf, NULL, 10) / 1e9;
}

/* One round; returns the superpages that came back. */
static unsigned int cycle(struct ctl *c)
{
	struct roc_push push = {
		.argsz = sizeof(push), .count = c->batch,
		.entries = (uintptr_t)c->sp,
	};
	unsigned int got = 0;
	long long r0 = 0, w0 = 0;
	double t0, t1;

	if (c->mode == MODE_THREAD)
		return ring_stream(c);
	if (c->mode == MODE_RING) {
		ring_cycle(c);
		return c->batch;
	}
	regs_begin(c, &r0, &w0);
	t0 = bench_now();
	c->syscalls++;
	if (ioctl(c->fd, ROC_PUSH, &push))
		die("ROC_PUSH of %u: %s (entry %u)", c->batch,
			  strerror(errno), push.done);
	note_call(c, bench_now() - t0);
	regs_end(c, PH_PUSH, r0, w0);
	c->work_calls++;
	while (got < c->batch) {
		struct roc_pop pop = {
			.argsz = sizeof(pop), .max = c->batch - got,
			.entries = (uintptr_t)c->rd,
		};

		if (c->mode == MODE_POLL) {
			struct pollfd p = { .fd = c->fd, .events = POLLIN };

			regs_begin(c, &r0, &w0);
			c->syscalls++;
			if (poll(&p, 1, 5000) != 1)
				die("poll: %s", errno ? strerror(errno) :
					  "no superpage came back in 5 s");
			regs_end(c, PH_WAIT, r0, w0);
		}
		regs_begin(c, &r0, &w0);
		c->syscalls++;
		t0 = bench_now();
		if (ioctl(c->fd, ROC_POP, &pop))
			die("ROC_POP: %s", strerror(errno));
		t1 = bench_now();
		regs_end(c, pop.count ? PH_HARVEST : PH_WAIT, r0, w0);
		if (pop.count) {
			c->work_calls++;
			note_call(c, t1 - t0);
		}
		for (unsigned int i = 0; i < pop.count; i++)
			if (!(c->rd[i].flags & ROC_READY_DONE))
				die("superpage %llu came back unfilled",
					  (unsigned long long)c->rd[i].cookie);
		got += pop.count;
	}
	return got;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void help(void)
{
	printf("Usage: %s --dev /dev/rocN [--channel N] [--batch B]\n"
	       "          [--mode ioctl|poll|ring|thread] [--superpage-size S]\n"
	       "          [--regs DEBUGFS-FILE] [--time SECONDS] [--repeat R]\n"
	       "ns, CPU ns and syscalls per superpage for push -> ready -> pop\n"
	       "(run the simulated card in no-data mode).  Prints one JSON line.\n"
	       "Exit 0 ok, 1 error, 2 usage.\n", get_prog_name());
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "channel", required_argument, NULL, 'c' },
		{ "batch", required_argument, NULL, 'b' },
		{ "mode", required_argument, NULL, 'm' },
		{ "time", required_argument, NULL, 't' },
		{ "repeat", required_argument, NULL, 'r' },
		{ "superpage-size", required_argument, NULL, 's' },
		{ "regs", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	double wall[BENCH_MAX_SAMPLES], cpu[BENCH_MAX_SAMPLES],
	       sys[BENCH_MAX_SAMPLES], work[BENCH_MAX_SAMPLES],
	       wcalls[BENCH_MAX_SAMPLES], p50[BENCH_MAX_SAMPLES],
	       p99[BENCH_MAX_SAMPLES], gp[BENCH_MAX_SAMPLES],
	       p50r[BENCH_MAX_SAMPLES], p99r[BENCH_MAX_SAMPLES],
	       cpur[BENCH_MAX_SAMPLES], tcpu[BENCH_MAX_SAMPLES],
	       tcpur[BENCH_MAX_SAMPLES], allr[BENCH_MAX_SAMPLES],
	       yld[BENCH_MAX_SAMPLES],
	       workr[BENCH_MAX_SAMPLES];
	struct ctl c = {
		.batch = 1, .sp_size = 32 * KiB, .regs_fd = -1, .thread_stat = -1,
	};
	static const char *const mode_names[] = { "ioctl", "poll", "ring", "thread" };
	uint64_t buf_size;
	const char *dev = NULL;
	unsigned int channel = 0;
	double secs = 1.0;
	long repeat = 5, k;
	struct roc_channel_open co = { .argsz = sizeof(co) };
	struct roc_buffer_reg reg = { .argsz = sizeof(reg) };
	struct roc_dma_start st = { .argsz = sizeof(st), .source = ROC_SOURCE_INTERNAL };
	struct bench_json j;
	void *mem;
	int opt, dfd;

	set_prog_name(argv[0]);
	while ((opt = getopt_long(argc, argv, "+:hv", lo, NULL)) >= 0) {
		switch (opt) {
		case 'd': dev = optarg; break;
		case 'c': channel = bench_long("--channel", optarg, 0, 5); break;
		case 'b': c.batch = bench_long("--batch", optarg, 1, MAX_BATCH); break;
		case 'm':
			if (!strcmp(optarg, "poll"))
				c.mode = MODE_POLL;
			else if (!strcmp(optarg, "ring"))
				c.mode = MODE_RING;
			else if (!strcmp(optarg, "thread"))
				c.mode = MODE_THREAD;
			else if (strcmp(optarg, "ioctl"))
				die_usage("--mode: \"%s\" is not ioctl, poll, ring or thread",
					  optarg);
			break;
		case 's':
			c.sp_size = bench_size("--superpage-size", optarg);
			if (!c.sp_size || c.sp_size % (32 * KiB) || c.sp_size > 8 * MiB)
				die_usage("--superpage-size: a multiple of 32 KiB up to 8 MiB");
			break;
		case 'g':
			c.regs_fd = open(optarg, O_RDWR | O_CLOEXEC);
			if (c.regs_fd < 0)
				die("%s: %s", optarg, strerror(errno));
			break;
		case 't': secs = bench_double("--time", optarg); break;
		case 'r':
			repeat = bench_long("--repeat", optarg, 1, BENCH_MAX_SAMPLES);
			break;
		default:
			if (!parse_std_option(opt, NULL, help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
	if (optind < argc || !dev)
		die_usage("give --dev /dev/rocN");

	dfd = open(dev, O_RDWR | O_CLOEXEC);
	if (dfd < 0)
		die("%s: %s", dev, strerror(errno));
	co.channel = channel;
	if (ioctl(dfd, ROC_CHANNEL_OPEN, &co) < 0)
		die("%s: ROC_CHANNEL_OPEN %u: %s", dev, channel, strerror(errno));
	c.fd = co.fd;
	c.slots = c.mode == MODE_THREAD ? 2 * c.batch : c.batch;
	buf_size = (c.slots * c.sp_size + 2 * MiB - 1) / (2 * MiB) * (2 * MiB);
	c.calls = malloc(MAX_CALLS * sizeof(*c.calls));
	if (!c.calls)
		die("out of memory");
	mem = mmap(NULL, buf_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		die("no 2 MiB hugepage (vm.nr_hugepages): %s", strerror(errno));
	reg.addr = (uintptr_t)mem;
	reg.size = buf_size;
	if (ioctl(c.fd, ROC_BUFFER_REGISTER, &reg))
		die("%s: ROC_BUFFER_REGISTER: %s", dev, strerror(errno));
	c.buf_id = reg.id;
	for (unsigned int i = 0; i < c.slots; i++)
		c.sp[i] = (struct roc_superpage){
			.buf_id = c.buf_id, .offset = i * c.sp_size,
			.size = c.sp_size, .cookie = i,
		};
	if (c.mode >= MODE_RING)
		ring_setup(&c);
	if (ioctl(c.fd, ROC_DMA_START, &st))
		die("%s: ROC_DMA_START: %s", dev, strerror(errno));

	if (c.mode == MODE_THREAD) {
		ring_publish(&c, c.slots);	/* start the stream */
		c.thread_stat = ring_thread_stat(channel);
		if (c.thread_stat < 0)
			die("%s: no ring thread roc<N>-ring%u in /proc", dev, channel);
	}
	for (unsigned int w = 0; w < 100 * c.batch; )	/* warm up */
		w += cycle(&c);
	memset(c.reads, 0, sizeof(c.reads));
	memset(c.writes, 0, sizeof(c.writes));
	for (k = 0; k < repeat; k++) {
		double t0, c0, t, g0, th0;
		uint64_t n = 0, s0, w0, y0 = c.yields;
		double ws0 = c.work_s;

		/* getppid() right before: the unit of this repeat */
		g0 = bench_now();
		for (int i = 0; i < 20000; i++)
			syscall(SYS_getppid);
		gp[k] = (bench_now() - g0) / 20000 * 1e9;
		c.ncalls = 0;
		s0 = c.syscalls;
		w0 = c.work_calls;
		if (c.regs_fd >= 0) {
			long long r, w;

			regs_read(&c, &r, &w);
			c.total_r -= r;
			c.total_w -= w;
		}
		t0 = bench_now();
		c0 = bench_cpu();
		th0 = ring_thread_cpu(&c);

		do {
			n += cycle(&c);
			t = bench_now();
		} while (t - t0 < secs);
		wall[k] = (t - t0) / n * 1e9;
		cpu[k] = (bench_cpu() - c0) / n * 1e9;
		tcpu[k] = (ring_thread_cpu(&c) - th0) / n * 1e9;
		tcpur[k] = tcpu[k] / gp[k];
		allr[k] = (cpu[k] + tcpu[k]) / gp[k];
		sys[k] = (double)(c.syscalls - s0) / n;
		yld[k] = (double)(c.yields - y0) / n;
		work[k] = (c.work_s - ws0) / n * 1e9;
		workr[k] = work[k] / gp[k];
		wcalls[k] = (double)(c.work_calls - w0) / n;
		qsort(c.calls, c.ncalls, sizeof(*c.calls), cmp_double);
		p50[k] = c.ncalls ? c.calls[c.ncalls / 2] : 0;
		p99[k] = c.ncalls ? c.calls[c.ncalls * 99 / 100] : 0;
		p50r[k] = p50[k] / gp[k];
		p99r[k] = p99[k] / gp[k];
		cpur[k] = cpu[k] / gp[k];
		if (c.regs_fd >= 0) {
			long long r, w;

			regs_read(&c, &r, &w);
			c.total_r += r;
			c.total_w += w;
			c.regs_sp += n;
		}
	}
	if (ioctl(c.fd, ROC_DMA_STOP,
		  &(struct roc_dma_stop){ .argsz = sizeof(struct roc_dma_stop) }))
		die("%s: ROC_DMA_STOP: %s", dev, strerror(errno));

	bench_json_begin(&j, "ctl");
	bench_json_str(&j, "dev", dev);
	bench_json_str(&j, "mode", mode_names[c.mode]);
	bench_json_str(&j, "path", c.mode >= MODE_RING ? "rings" : "ioctl");
	if (c.regs_fd >= 0)	/* a register count, not a timing */
		bench_json_str(&j, "tag", "regs");
	bench_json_int(&j, "batch", c.batch);
	bench_json_int(&j, "superpage_size", c.sp_size);
	bench_json_arr(&j, "ns_per_sp", wall, repeat);
	bench_json_arr(&j, "cpu_ns_per_sp", cpu, repeat);
	bench_json_arr(&j, "syscalls_per_sp", sys, repeat);
	bench_json_arr(&j, "ioctl_ns_per_sp", work, repeat);
	bench_json_arr(&j, "ioctls_per_sp", wcalls, repeat);
	bench_json_arr(&j, "getppid_ns", gp, repeat);
	bench_json_arr(&j, "call_p50_ns", p50, repeat);
	bench_json_arr(&j, "call_p99_ns", p99, repeat);
	bench_json_arr(&j, "call_p50_getppid", p50r, repeat);
	bench_json_arr(&j, "call_p99_getppid", p99r, repeat);
	bench_json_arr(&j, "cpu_per_sp_getppid", cpur, repeat);
	/* the consumer's control-path work (push + pop, or ring passes) */
	bench_json_arr(&j, "work_per_sp_getppid", workr, repeat);
	if (c.thread_stat >= 0) {
		bench_json_arr(&j, "thread_cpu_ns_per_sp", tcpu, repeat);
		bench_json_arr(&j, "thread_cpu_per_sp_getppid", tcpur, repeat);
		bench_json_arr(&j, "total_cpu_per_sp_getppid", allr, repeat);
		bench_json_arr(&j, "yields_per_sp", yld, repeat);
	}
	if (c.regs_fd >= 0 && c.regs_sp) {
		static const char *const ph[PH_N] = { "push", "harvest", "wait" };
		char key[48];

		for (int i = 0; i < PH_N; i++) {
			snprintf(key, sizeof(key), "reads_per_sp_%s", ph[i]);
			bench_json_num(&j, key, (double)c.reads[i] / c.regs_sp);
			snprintf(key, sizeof(key), "writes_per_sp_%s", ph[i]);
			bench_json_num(&j, key, (double)c.writes[i] / c.regs_sp);
		}
		/* all of them, the ring thread's too */
		bench_json_num(&j, "reads_per_sp", (double)c.total_r / c.regs_sp);
		bench_json_num(&j, "writes_per_sp", (double)c.total_w / c.regs_sp);
	}
	bench_json_end(&j);
	if (c.thread_stat >= 0)
		close(c.thread_stat);
	close(c.fd);
	close(dfd);
	munmap(mem, buf_size);
	free(c.calls);
	return 0;
}
