// SPDX-License-Identifier: GPL-2.0
/*
 * roc-storm - the workers of the crash storm, the removal storm and the
 * concurrency soak (selftests/storm_test.sh, removal_test.sh, soak_test.sh).
 * Not a test by itself: the scripts run it inside the VM and judge it.
 *
 *   roc-storm crash N CRU_ID CRORC_ID
 *	N times: a child opens a random DMA target (CRU endpoint 0 or 1 with
 *	the internal or DDG generator, C-RORC channel 0-5), gets to a random
 *	phase (buffer registration, push, pop, poll wait, stop, streaming)
 *	and is killed with SIGKILL at a random moment in it.  Two children
 *	run at once on different targets.  After each kill the target's
 *	channel must be acquirable at once; at the end every channel at once.
 *   roc-storm removal ROUNDS ID
 *	ROUNDS times: create sim card ID (CRU on even rounds, C-RORC on odd),
 *	start 8 users (BAR mmaps read and written, two DMA streams, register
 *	batches, netlink dumps, a poll() waiter, an open/ioctl loop), delete
 *	the card at a random moment, and require every user to see an error
 *	and exit within a bound; then the card's nodes must be gone.
 *   roc-storm open-race ID
 *	Regression test: a ROC_CHANNEL_OPEN whose argument copy is held in a
 *	userfaultfd page fault while C-RORC ID is deleted must fail with
 *	ENODEV once it resumes, not set up a channel on the removed device.
 *	Exit 4 if userfaultfd is not available.
 *   roc-storm uffd-removal ID
 *	For a simulated CRU and a C-RORC (card ID, created and deleted here)
 *	and for each way a channel ioctl touches user memory -- the argument
 *	structure (ROC_CHANNEL_STATUS), the entries ROC_PUSH reads, the
 *	entries ROC_POP writes, the pages ROC_BUFFER_REGISTER pins -- a
 *	thread is held in a userfaultfd page fault inside that ioctl while
 *	the card is deleted: the deletion must
 *	complete while the fault is still pending (within 60 s; without the
 *	fix it waits forever), and the ioctl, let go afterwards, must end
 *	with ENODEV (ROC_POP: or hand over what it had taken).  Exit 4 if
 *	userfaultfd is not available.
 *   roc-storm bars DEV SECONDS N
 *	N BAR readers on /dev/DEV for SECONDS: even ones through mmap(), odd
 *	ones through ROC_REG_BATCH; prints the reads done.
 *
 * Each prints "# ..." diagnostics and a last line "storm: ok ..." or
 * "storm: FAIL ..."; exit 0 on success, 1 on failure, 2 on bad usage.
 */
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/userfaultfd.h>
#include <sys/utsname.h>

#include "roc_dma.h"

#define MiB		(1024 * 1024UL)
#define SP_SIZE		MiB
#define SLICE		(8 * MiB)	/* hugepage memory per DMA target */
#define NR_SP		(SLICE / SP_SIZE)

static int failures;

#define fail(...) do { printf("# FAIL: " __VA_ARGS__); printf("\n"); \
		       fflush(stdout); failures++; } while (0)
#define diag(...) do { printf("# " __VA_ARGS__); printf("\n"); \
		       fflush(stdout); } while (0)

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned int rnd(unsigned int n)
{
	return n ? (unsigned int)random() % n : 0;
}

/* /dev path of endpoint @ep of sim card @id, waiting for udev/devtmpfs. */
static int sim_dev(unsigned int id, int ep, char *dev, size_t len)
{
	char name[16];
	int i, ret = -ENOENT;

	for (i = 0; i < 200; i++) {
		ret = roc_sim_endpoint(id, ep, name, sizeof(name));
		if (!ret) {
			snprintf(dev, len, "/dev/%s", name);
			if (!access(dev, F_OK))
				return 0;
			ret = -ENOENT;
		}
		usleep(10000);
	}
	return ret;
}

/* ---- DMA streaming over NR_SP superpages of one slice ------------------ */

struct stream {
	int ch;
	uint32_t buf_id;
	uint8_t busy[NR_SP];
};

/* Push every free superpage; stop at a full queue. */
static int stream_fill(struct stream *s)
{
	unsigned int i;
	int ret;

	for (i = 0; i < NR_SP; i++) {
		if (s->busy[i])
			continue;
		ret = roc_push1(s->ch, s->buf_id, i * SP_SIZE, SP_SIZE, i);
		if (ret == -ENOSPC)
			return 0;
		if (ret)
			return ret;
		s->busy[i] = 1;
	}
	return 0;
}

/* Pop whatever is ready; returns the count or -errno. */
static int stream_drain(struct stream *s)
{
	static struct roc_ready r[NR_SP];
	int n, i;

	n = roc_pop_n(s->ch, r, NR_SP);
	for (i = 0; i < n; i++)
		s->busy[r[i].offset / SP_SIZE] = 0;
	return n;
}

/* ---- crash storm -------------------------------------------------------- */

enum phase {
	PH_REGISTER, PH_PUSH, PH_POP, PH_POLL, PH_STOP, PH_STREAM, PH_RING,
	PH_NR
};

static const char *const phase_name[PH_NR] = {
	"register", "push", "pop", "poll-wait", "stop", "stream", "rings",
};

/*
 * The rings phase (issue 14): stream through the push and ready rings,
 * half the time with the ring thread, so that the kill finds entries in
 * the push ring, on the card and on the ready ring.  Returns only on an
 * error (the exit status).
 */
static int ring_child(struct stream *s)
{
	struct roc_ring_setup rs = { .argsz = sizeof(rs), .push_entries = 64,
				     .ready_entries = 64 };
	struct roc_ring_enter en = { .argsz = sizeof(en) };
	uint32_t *pprod, *pcons, *rprod, *rcons, *pflags;
	struct roc_superpage *pd;
	struct roc_ring_done *rd;
	uint8_t *pm, *rm;
	unsigned int i;

	if (rnd(2))
		rs.flags = ROC_RING_SETUP_THREAD;
	if (ioctl(s->ch, ROC_RING_SETUP, &rs))
		return 30;
	pm = mmap(NULL, rs.push_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		  s->ch, rs.push_mmap);
	rm = mmap(NULL, rs.ready_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		  s->ch, rs.ready_mmap);
	if (pm == MAP_FAILED || rm == MAP_FAILED)
		return 31;
	pprod = (uint32_t *)(pm + rs.push.producer);
	pcons = (uint32_t *)(pm + rs.push.consumer);
	pflags = (uint32_t *)(pm + rs.push.flags);
	pd = (struct roc_superpage *)(pm + rs.push.desc);
	rprod = (uint32_t *)(rm + rs.ready.producer);
	rcons = (uint32_t *)(rm + rs.ready.consumer);
	rd = (struct roc_ring_done *)(rm + rs.ready.desc);
	for (;;) {
		uint32_t p = *pprod, c = __atomic_load_n(pcons, __ATOMIC_ACQUIRE);
		uint32_t rp, rc;

		for (i = 0; i < NR_SP && p - c < rs.push_entries; i++) {
			if (s->busy[i])
				continue;
			pd[p++ & (rs.push_entries - 1)] = (struct roc_superpage){
				.buf_id = s->buf_id, .offset = i * SP_SIZE,
				.size = SP_SIZE, .cookie = i,
			};
			s->busy[i] = 1;
		}
		__atomic_store_n(pprod, p, __ATOMIC_RELEASE);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if ((__atomic_load_n(pflags, __ATOMIC_RELAXED) &
		     ROC_RING_NEED_WAKEUP) && ioctl(s->ch, ROC_RING_ENTER, &en))
			return 32;
		rp = __atomic_load_n(rprod, __ATOMIC_ACQUIRE);
		for (rc = *rcons; rc != rp; rc++) {
			const struct roc_ring_done *d =
				&rd[rc & (rs.ready_entries - 1)];

			if (d->error || d->ready.offset / SP_SIZE >= NR_SP)
				return 33;
			s->busy[d->ready.offset / SP_SIZE] = 0;
		}
		__atomic_store_n(rcons, rc, __ATOMIC_RELEASE);
	}
}

struct target {
	char dev[32];
	unsigned int channel;
	int cru;
	const char *what;
};

/* Shared with the children: set when a child is inside its phase. */
struct shared {
	volatile int in_phase[2];
};

/* The child: get to @ph on @t and loop in it until killed. */
static void __attribute__((noreturn))
crash_child(const struct target *t, enum phase ph, uint8_t *slice,
	    volatile int *in_phase)
{
	struct stream s = { 0 };
	struct roc_buffer_reg reg;
	struct pollfd pfd;
	uint32_t source = ROC_SOURCE_INTERNAL;
	int dev, ret;

	dev = open(t->dev, O_RDWR);
	if (dev < 0)
		_exit(10);
	s.ch = roc_channel_open_fd(dev, t->channel);
	if (s.ch < 0)
		_exit(s.ch == -EBUSY ? 11 : 12);
	if (ph == PH_REGISTER) {
		/* 4 KiB pages: registration pins page by page, slowly. */
		size_t size = 16 * MiB;
		uint8_t *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
				  -1, 0);

		if (p == MAP_FAILED)
			_exit(13);
		madvise(p, size, MADV_NOHUGEPAGE);
		*in_phase = 1;
		for (;;) {
			uint32_t ids[8];
			unsigned int nid = 0;

			/* Up to 8 registered when the kill comes. */
			while (nid < 8) {
				int small = rnd(2);

				if (roc_buf_reg(s.ch, small ? p : slice,
						small ? size : SLICE, &reg))
					_exit(14);
				ids[nid++] = reg.id;
			}
			while (nid)
				if (roc_buf_unreg(s.ch, ids[--nid]))
					_exit(15);
		}
	}
	if (roc_buf_reg(s.ch, slice, SLICE, &reg))
		_exit(16);
	s.buf_id = reg.id;
	if (t->cru && rnd(2))
		source = ROC_SOURCE_DDG;
	ret = roc_start(s.ch, source);
	if (ret)
		_exit(17);
	pfd.fd = s.ch;
	pfd.events = POLLIN;
	switch (ph) {
	case PH_PUSH:
		*in_phase = 1;
		for (;;) {
			if (stream_fill(&s) || stream_drain(&s) < 0)
				_exit(20);
		}
	case PH_POP:
		if (stream_fill(&s))
			_exit(21);
		*in_phase = 1;
		for (;;) {
			ret = stream_drain(&s);
			if (ret < 0 || (ret > 0 && stream_fill(&s)))
				_exit(22);
		}
	case PH_POLL:
		/* Nothing pushed: poll() sleeps until the kill. */
		*in_phase = 1;
		for (;;)
			if (poll(&pfd, 1, -1) < 0)
				_exit(23);
	case PH_RING:
		*in_phase = 1;
		_exit(ring_child(&s));
	case PH_STOP:
		*in_phase = 1;
		for (;;) {
			if (stream_fill(&s) || roc_stop(s.ch))
				_exit(24);
			while ((ret = stream_drain(&s)) > 0)
				;
			if (ret < 0 || roc_start(s.ch, source))
				_exit(25);
		}
	default:
		if (stream_fill(&s))
			_exit(26);
		*in_phase = 1;
		for (;;) {
			if (poll(&pfd, 1, 100) < 0)
				_exit(27);
			if (stream_drain(&s) < 0 || stream_fill(&s))
				_exit(28);
		}
	}
}

/* The channel of @t can be acquired right now. */
static int target_free(const struct target *t)
{
	int dev = open(t->dev, O_RDWR), ch;

	if (dev < 0)
		return -errno;
	ch = roc_channel_open_fd(dev, t->channel);
	close(dev);
	if (ch < 0)
		return ch;
	close(ch);
	return 0;
}

static int crash(int argc, char **argv)
{
	struct target t[8];
	unsigned int cru_id, crorc_id, n, i, nt = 0, done = 0;
	unsigned int per_phase[PH_NR] = { 0 };
	long acq0, rel0, acq, rel;
	struct shared *sh;
	uint8_t *huge;
	double t0 = now_s();
	int k, fds[8];

	if (argc != 5)
		return 2;
	n = strtoul(argv[2], NULL, 0);
	cru_id = strtoul(argv[3], NULL, 0);
	crorc_id = strtoul(argv[4], NULL, 0);
	for (k = 0; k < 2; k++, nt++) {
		if (sim_dev(cru_id, k, t[nt].dev, sizeof(t[nt].dev))) {
			fail("no endpoint %d of sim CRU %u", k, cru_id);
			return 1;
		}
		t[nt].channel = 0;
		t[nt].cru = 1;
		t[nt].what = k ? "CRU ep1" : "CRU ep0";
	}
	for (k = 0; k < 6; k++, nt++) {
		if (sim_dev(crorc_id, 0, t[nt].dev, sizeof(t[nt].dev))) {
			fail("no sim C-RORC %u", crorc_id);
			return 1;
		}
		t[nt].channel = k;
		t[nt].cru = 0;
		t[nt].what = "C-RORC";
	}
	huge = roc_huge_alloc(nt * SLICE, ROC_HUGE_2MB);
	if (!huge) {
		fail("no %u MiB of 2 MiB hugepages", (unsigned int)(nt * SLICE / MiB));
		return 1;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	acq0 = roc_vmstat("nr_foll_pin_acquired");
	rel0 = roc_vmstat("nr_foll_pin_released");

	while (done < n && failures < 5) {
		unsigned int pick[2], ph[2], m = n - done >= 2 ? 2 : 1;
		pid_t pid[2];
		int status;

		pick[0] = rnd(nt);
		pick[1] = (pick[0] + 1 + rnd(nt - 1)) % nt;
		for (i = 0; i < m; i++) {
			ph[i] = rnd(PH_NR);
			sh->in_phase[i] = 0;
			pid[i] = fork();
			if (pid[i] < 0) {
				fail("fork: %s", strerror(errno));
				return 1;
			}
			if (!pid[i]) {
				srandom(getpid());
				crash_child(&t[pick[i]], ph[i],
					    huge + pick[i] * SLICE,
					    &sh->in_phase[i]);
			}
		}
		for (i = 0; i < m; i++) {
			double until = now_s() + 60;

			/* In the phase (or dead), then a random moment. */
			while (!sh->in_phase[i] && now_s() < until &&
			       waitpid(pid[i], &status, WNOHANG) == 0)
				usleep(200);
			usleep(rnd(ph[i] == PH_REGISTER ? 200000 : 50000));
			kill(pid[i], SIGKILL);
		}
		for (i = 0; i < m; i++) {
			const struct target *tg = &t[pick[i]];
			int ret;

			if (waitpid(pid[i], &status, 0) != pid[i])
				fail("waitpid: %s", strerror(errno));
			else if (!WIFSIGNALED(status))
				fail("crash %u (%s ch%u, %s): child exited %d before the kill",
				     done + i, tg->what, tg->channel,
				     phase_name[ph[i]], WEXITSTATUS(status));
			ret = target_free(tg);
			if (ret)
				fail("crash %u (%s ch%u, %s): channel not free after the kill: %s",
				     done + i, tg->what, tg->channel,
				     phase_name[ph[i]], strerror(-ret));
			per_phase[ph[i]]++;
		}
		done += m;
		if (done % 100 < m)
			diag("%u crashes, %.0f s", done, now_s() - t0);
	}

	/* Every channel at once. */
	for (i = 0; i < nt; i++) {
		int dev = open(t[i].dev, O_RDWR);

		fds[i] = dev < 0 ? -errno : roc_channel_open_fd(dev, t[i].channel);
		if (fds[i] < 0)
			fail("%s channel %u not acquirable after the storm: %s",
			     t[i].what, t[i].channel, strerror(-fds[i]));
		if (dev >= 0)
			close(dev);
	}
	for (i = 0; i < nt; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	acq = roc_vmstat("nr_foll_pin_acquired") - acq0;
	rel = roc_vmstat("nr_foll_pin_released") - rel0;
	if (acq != rel)
		fail("pins: %ld acquired, %ld released during the storm", acq, rel);
	if (roc_vmlck_kib())
		fail("VmLck %ld kB", roc_vmlck_kib());
	munmap(huge, nt * SLICE);
	for (i = 0; i < PH_NR; i++)
		diag("phase %-9s %u crashes", phase_name[i], per_phase[i]);
	printf("storm: %s crashes=%u seconds=%.0f pins_acquired=%ld pins_released=%ld\n",
	       failures ? "FAIL" : "ok", done, now_s() - t0, acq, rel);
	return failures ? 1 : 0;
}

/* ---- removal storm ------------------------------------------------------ */

enum user_kind {
	U_MMAP_RW, U_MMAP_RO, U_DMA_A, U_DMA_B, U_REG_BATCH, U_NETLINK,
	U_POLL, U_OPEN_LOOP, U_NR,
};

/* What each user does on a CRU round and on a C-RORC round. */
static const char *const user_names[2][U_NR] = {
	{ "crorc mmap-ro", "crorc mmap-ro", "crorc dma-ch0", "crorc dma-ch1",
	  "crorc reg-batch", "crorc netlink", "crorc poll-ch2",
	  "crorc open-ioctl" },
	{ "cru mmap-rw", "cru mmap-ro", "cru dma-ep0", "cru poll-ep1",
	  "cru reg-batch", "cru netlink", "cru reg-write-ep1",
	  "cru open-ioctl" },
};

/* How a user ended: the first error it saw. */
enum outcome {
	O_NONE, O_ENODEV, O_EIO, O_SIGBUS, O_POLLHUP, O_GONE, O_OTHER, O_NR,
};

static const char *const outcome_name[O_NR] = {
	"none", "ENODEV", "EIO", "SIGBUS", "POLLHUP+ENODEV", "card-gone",
	"other",
};

struct rshared {
	volatile int ready[U_NR];
	volatile int outcome[U_NR];
	volatile int err[U_NR];
	volatile long ops[U_NR];
	volatile int stop_nl;
};

static struct rshared *rsh;
static int my_kind;
static sigjmp_buf bus_jmp;

static void on_sigbus(int sig)
{
	(void)sig;
	siglongjmp(bus_jmp, 1);
}

static void __attribute__((noreturn)) user_end(int outcome, int err)
{
	rsh->outcome[my_kind] = outcome;
	rsh->err[my_kind] = err;
	_exit(0);
}

static void __attribute__((noreturn)) user_errno(int err)
{
	if (err == ENODEV)
		user_end(O_ENODEV, err);
	if (err == EIO)
		user_end(O_EIO, err);
	user_end(O_OTHER, err);
}

static void mmap_user(int dev, int cru, int writer)
{
	/* CRU BAR2 is 16 MiB with free space at 0xf00000; C-RORC BAR0 4 KiB. */
	unsigned int bar = cru ? 2 : 0;
	size_t len = cru ? 16 * MiB : 4096;
	volatile uint32_t *p;
	uint32_t sum = 0;
	long i;

	p = mmap(NULL, len, PROT_READ | (writer && cru ? PROT_WRITE : 0),
		 MAP_SHARED, dev, ROC_BAR_OFFSET(bar));
	if (p == MAP_FAILED)
		user_errno(errno);
	signal(SIGBUS, on_sigbus);
	if (sigsetjmp(bus_jmp, 1))
		user_end(O_SIGBUS, 0);
	rsh->ready[my_kind] = 1;
	for (i = 0;; i++) {
		sum += p[(i * 64) % (len / 4)];
		if (writer && cru)
			p[0xf00000 / 4 + i % 1024] = (uint32_t)i;
		if (i % 4096 == 0)
			rsh->ops[my_kind] = i;
	}
	(void)sum;
}

static void dma_user(int dev, unsigned int channel)
{
	struct stream s = { 0 };
	struct roc_buffer_reg reg;
	struct pollfd pfd;
	uint8_t *p;
	int ret;

	/* 4 KiB pages: superpages of 32 KiB where pages happen to be in a row. */
	p = roc_huge_alloc(SLICE, ROC_HUGE_2MB);
	if (!p)
		user_end(O_OTHER, ENOMEM);
	s.ch = roc_channel_open_fd(dev, channel);
	if (s.ch < 0)
		user_errno(-s.ch);
	ret = roc_buf_reg(s.ch, p, SLICE, &reg);
	if (ret)
		user_errno(-ret);
	s.buf_id = reg.id;
	ret = roc_start(s.ch, ROC_SOURCE_INTERNAL);
	if (ret)
		user_errno(-ret);
	pfd.fd = s.ch;
	pfd.events = POLLIN;
	rsh->ready[my_kind] = 1;
	for (;;) {
		ret = stream_fill(&s);
		if (ret)
			user_errno(-ret);
		poll(&pfd, 1, 100);
		ret = stream_drain(&s);
		if (ret < 0)
			user_errno(-ret);
		rsh->ops[my_kind] += ret;
	}
}

static void poll_user(int dev, unsigned int channel)
{
	struct pollfd pfd;
	int ch, ret;

	ch = roc_channel_open_fd(dev, channel);
	if (ch < 0)
		user_errno(-ch);
	ret = roc_start(ch, ROC_SOURCE_INTERNAL);
	if (ret)
		user_errno(-ret);
	pfd.fd = ch;
	pfd.events = POLLIN;
	rsh->ready[my_kind] = 1;
	/* Nothing pushed: only the removal can end this wait. */
	ret = poll(&pfd, 1, -1);
	if (ret < 0)
		user_errno(errno);
	if (!(pfd.revents & (POLLHUP | POLLERR)))
		user_end(O_OTHER, 0);
	ret = roc_pop_n(ch, NULL, 0);
	ret = roc_status(ch, &(struct roc_channel_status){ 0 });
	user_end(ret == -ENODEV ? O_POLLHUP : O_OTHER, -ret);
}

/* Register batches: reads of BAR0, and with @write scratch writes of BAR2. */
static void batch_user(int dev, int write)
{
	struct roc_reg_op ops[64];
	long n = 0;
	int i, ret;

	rsh->ready[my_kind] = 1;
	for (;;) {
		for (i = 0; i < 64; i++) {
			memset(&ops[i], 0, sizeof(ops[i]));
			ops[i].op = write && (i & 1) ? ROC_REG_WRITE : ROC_REG_READ;
			ops[i].bar = write && (i & 1) ? 2 : 0;
			ops[i].offset = write && (i & 1) ? 0xf00000 + i * 4 :
				       (i * 4) % 4096;
			ops[i].value = n;
		}
		ret = roc_reg_ops(dev, ops, 64, NULL);
		if (ret)
			user_errno(-ret);
		rsh->ops[my_kind] = ++n;
	}
}

static void open_user(const char *path)
{
	struct roc_info info;
	long n = 0;
	int fd;

	rsh->ready[my_kind] = 1;
	for (;;) {
		fd = open(path, O_RDWR);
		if (fd < 0)
			user_end(errno == ENOENT || errno == ENXIO ||
				 errno == ENODEV ? O_GONE : O_OTHER, errno);
		memset(&info, 0, sizeof(info));
		info.argsz = sizeof(info);
		if (ioctl(fd, ROC_GET_INFO, &info))
			user_errno(errno);
		close(fd);
		rsh->ops[my_kind] = ++n;
	}
}

/* roc-list-cards --json until the card is gone from its output. */
static void netlink_user(const char *tools, const char *addr)
{
	char cmd[512], line[4096];
	long n = 0;

	snprintf(cmd, sizeof(cmd), "%s/roc-list-cards --json 2>&1", tools);
	rsh->ready[my_kind] = 1;
	for (;;) {
		FILE *f = popen(cmd, "r");
		int seen = 0, rc;

		if (!f)
			user_end(O_OTHER, errno);
		while (fgets(line, sizeof(line), f))
			if (strstr(line, addr))
				seen = 1;
		rc = pclose(f);
		if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1)
			user_end(O_OTHER, rc);
		rsh->ops[my_kind] = ++n;
		if (!seen)
			user_end(O_GONE, 0);
	}
}

/* Endpoint 1 of the sim CRU at @addr ("roc_sim:ID."). */
static int open_ep1(const char *addr)
{
	char dev[32];
	unsigned int id;
	int fd;

	if (sscanf(addr, "roc_sim:%u", &id) != 1 ||
	    sim_dev(id, 1, dev, sizeof(dev)))
		user_end(O_OTHER, ENOENT);
	fd = open(dev, O_RDWR);
	if (fd < 0)
		user_end(O_OTHER, errno);
	return fd;
}

static void __attribute__((noreturn))
removal_user(int kind, const char *dev, int cru, const char *tools,
	     const char *addr)
{
	int fd;

	my_kind = kind;
	srandom(getpid());
	if (kind == U_NETLINK)
		netlink_user(tools, addr);
	if (kind == U_OPEN_LOOP)
		open_user(dev);
	fd = open(dev, O_RDWR);
	if (fd < 0)
		user_end(O_OTHER, errno);
	switch (kind) {
	case U_MMAP_RW:
	case U_MMAP_RO:
		mmap_user(fd, cru, kind == U_MMAP_RW);
		break;
	case U_DMA_A:
		dma_user(fd, 0);
		break;
	case U_DMA_B:
		if (!cru)
			dma_user(fd, 1);
		/* CRU: endpoint 1's only channel, started, waited on. */
		close(fd);
		fd = open_ep1(addr);
		poll_user(fd, 0);
		break;
	case U_REG_BATCH:
		batch_user(fd, 0);
		break;
	case U_POLL:
		if (!cru)
			poll_user(fd, 2);
		/* CRU: register batches with writes on endpoint 1. */
		close(fd);
		batch_user(open_ep1(addr), 1);
		break;
	}
	user_end(O_OTHER, 0);
}

static int removal(int argc, char **argv, const char *tools)
{
	unsigned int rounds, id, r, k, c, counts[2][U_NR][O_NR] = { { { 0 } } };
	long acq0, rel0, acq, rel;
	double t0 = now_s(), worst = 0, exit_bound = 60;

	if (getenv("ROC_STORM_EXIT_BOUND"))
		exit_bound = atof(getenv("ROC_STORM_EXIT_BOUND"));
	if (argc != 4)
		return 2;
	rounds = strtoul(argv[2], NULL, 0);
	id = strtoul(argv[3], NULL, 0);
	rsh = mmap(NULL, sizeof(*rsh), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rsh == MAP_FAILED)
		return 1;
	acq0 = roc_vmstat("nr_foll_pin_acquired");
	rel0 = roc_vmstat("nr_foll_pin_released");
	for (r = 0; r < rounds && failures < 5; r++) {
		int cru = !(r & 1);
		const char *const *user_name = user_names[cru];
		char dev[32], addr[32], name[16];
		pid_t pid[U_NR];
		double tdel, until;
		int ret, status, alive;

		ret = roc_sim_new(id, cru ? "cru" : "crorc", 700 + r % 100);
		if (ret) {
			fail("round %u: new_device %u: %s", r, id, strerror(-ret));
			break;
		}
		if (sim_dev(id, 0, dev, sizeof(dev))) {
			fail("round %u: sim card %u has no node", r, id);
			break;
		}
		snprintf(addr, sizeof(addr), "roc_sim:%u.", id);
		memset((void *)rsh, 0, sizeof(*rsh));
		for (k = 0; k < U_NR; k++) {
			pid[k] = fork();
			if (pid[k] < 0) {
				fail("fork: %s", strerror(errno));
				return 1;
			}
			if (!pid[k])
				removal_user(k, dev, cru, tools, addr);
		}
		/* Everybody busy (or already failed), then a random moment. */
		until = now_s() + 60;
		for (k = 0; k < U_NR; k++)
			while (!rsh->ready[k] && !rsh->outcome[k] &&
			       now_s() < until)
				usleep(1000);
		for (k = 0; k < U_NR; k++)
			if (!rsh->ready[k])
				fail("round %u: %s user never got going (%s, errno %d)",
				     r, user_name[k],
				     outcome_name[rsh->outcome[k]], rsh->err[k]);
		usleep(50000 + rnd(250000));
		tdel = now_s();
		ret = roc_sim_del(id);
		if (ret)
			fail("round %u: del_device: %s", r, strerror(-ret));
		/* Every user must see an error and go, within the bound. */
		until = now_s() + exit_bound;
		do {
			alive = 0;
			for (k = 0; k < U_NR; k++) {
				if (pid[k] <= 0)
					continue;
				ret = waitpid(pid[k], &status, WNOHANG);
				if (ret == pid[k]) {
					pid[k] = 0;
					if (!WIFEXITED(status) || WEXITSTATUS(status))
						fail("round %u: %s user died: status 0x%x",
						     r, user_name[k], status);
				} else {
					alive++;
				}
			}
			if (alive)
				usleep(2000);
		} while (alive && now_s() < until);
		if (now_s() - tdel > worst)
			worst = now_s() - tdel;
		for (k = 0; k < U_NR; k++) {
			if (pid[k] > 0) {
				fail("round %u: %s user still running %.0f s after the removal",
				     r, user_name[k], exit_bound);
				kill(pid[k], SIGKILL);
				waitpid(pid[k], NULL, 0);
			}
			counts[cru][k][rsh->outcome[k]]++;
			if (rsh->outcome[k] == O_OTHER || rsh->outcome[k] == O_NONE)
				fail("round %u: %s user ended with %s (errno/status %d)",
				     r, user_name[k], outcome_name[rsh->outcome[k]],
				     rsh->err[k]);
		}
		/* No node, no class device left. */
		for (k = 0; k < 2; k++)
			if (!roc_sim_endpoint(id, k, name, sizeof(name)))
				fail("round %u: %s (endpoint %u) still there after the removal",
				     r, name, k);
		if (!access(dev, F_OK)) {
			/* Only if the number went to another endpoint since. */
			char cls[64];

			snprintf(cls, sizeof(cls), ROC_CLASS "/%s", dev + 5);
			if (access(cls, F_OK))
				fail("round %u: %s left behind", r, dev);
		}
	}
	/* The card comes back and works. */
	if (!failures) {
		char dev[32];
		int fd, ch, ret;

		ret = roc_sim_new(id, "cru", 799);
		if (ret || sim_dev(id, 0, dev, sizeof(dev))) {
			fail("re-creating card %u: %s", id, strerror(-ret));
		} else {
			struct stream s = { 0 };
			struct roc_buffer_reg reg;
			uint8_t *p = roc_huge_alloc(SLICE, ROC_HUGE_2MB);
			int got = 0;

			fd = open(dev, O_RDWR);
			ch = fd < 0 ? -errno : roc_channel_open_fd(fd, 0);
			s.ch = ch;
			if (ch < 0 || !p || roc_buf_reg(ch, p, SLICE, &reg) ||
			    roc_start(ch, ROC_SOURCE_INTERNAL)) {
				fail("re-created card %u: no DMA", id);
			} else {
				double until = now_s() + 60;

				s.buf_id = reg.id;
				while (got < 16 && now_s() < until) {
					if (stream_fill(&s))
						break;
					usleep(10000);
					ret = stream_drain(&s);
					if (ret < 0)
						break;
					got += ret;
				}
				if (got < 16)
					fail("re-created card %u: %d superpages in 60 s",
					     id, got);
				roc_stop(ch);
			}
			if (ch >= 0)
				close(ch);
			if (fd >= 0)
				close(fd);
			if (p)
				munmap(p, SLICE);
			roc_sim_del(id);
		}
	}
	acq = roc_vmstat("nr_foll_pin_acquired") - acq0;
	rel = roc_vmstat("nr_foll_pin_released") - rel0;
	if (acq != rel)
		fail("pins: %ld acquired, %ld released", acq, rel);
	for (c = 0; c < 2; c++) {
		for (k = 0; k < U_NR; k++) {
			char line[256];
			int o, len = 0;

			for (o = 0; o < O_NR; o++)
				if (counts[c][k][o])
					len += snprintf(line + len,
							sizeof(line) - len,
							" %s=%u", outcome_name[o],
							counts[c][k][o]);
			line[len] = 0;
			if (len)
				diag("%-18s ended:%s", user_names[c][k], line);
		}
	}
	printf("storm: %s removals=%u seconds=%.0f slowest_exit=%.2f pins_acquired=%ld pins_released=%ld\n",
	       failures ? "FAIL" : "ok", r, now_s() - t0, worst, acq, rel);
	return failures ? 1 : 0;
}

/* ---- channel open racing the removal ----------------------------------- */

struct open_call {
	int fd;
	void *arg;
	int ret;
	int err;
};

static void *open_thread(void *p)
{
	struct open_call *c = p;

	c->ret = ioctl(c->fd, ROC_CHANNEL_OPEN, c->arg);
	c->err = errno;
	return NULL;
}

static int open_race(int argc, char **argv)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register ureg = { 0 };
	struct uffdio_copy copy = { 0 };
	struct roc_channel_open *op;
	struct open_call call = { 0 };
	struct uffd_msg msg;
	struct pollfd pfd;
	unsigned int id;
	pthread_t thr;
	char dev[32];
	void *page, *src;
	int uffd, ret;

	if (argc != 3)
		return 2;
	id = strtoul(argv[2], NULL, 0);
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api)) {
		printf("storm: skip no userfaultfd (%s)\n", strerror(errno));
		return 4;
	}
	if (sim_dev(id, 0, dev, sizeof(dev))) {
		fail("no sim card %u", id);
		return 1;
	}
	call.fd = open(dev, O_RDWR);
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	src = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (call.fd < 0 || page == MAP_FAILED || src == MAP_FAILED) {
		fail("setup: %s", strerror(errno));
		return 1;
	}
	ureg.range.start = (uintptr_t)page;
	ureg.range.len = 4096;
	ureg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &ureg)) {
		fail("UFFDIO_REGISTER: %s", strerror(errno));
		return 1;
	}
	call.arg = page;
	if (pthread_create(&thr, NULL, open_thread, &call)) {
		fail("pthread_create");
		return 1;
	}
	/* The ioctl passed the liveness check and waits in copy_from_user. */
	pfd.fd = uffd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 30000) != 1 || read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT) {
		fail("the ioctl never faulted on its argument");
		return 1;
	}
	ret = roc_sim_del(id);
	if (ret)
		fail("del_device %u: %s", id, strerror(-ret));
	/* Now let it go on, with a valid argument for channel 0. */
	op = src;
	op->argsz = sizeof(*op);
	op->channel = 0;
	copy.dst = (uintptr_t)page;
	copy.src = (uintptr_t)src;
	copy.len = 4096;
	if (ioctl(uffd, UFFDIO_COPY, &copy)) {
		fail("UFFDIO_COPY: %s", strerror(errno));
		return 1;
	}
	pthread_join(thr, NULL);
	if (call.ret >= 0) {
		struct roc_buffer_reg reg;

		fail("ROC_CHANNEL_OPEN after the removal gave channel fd %d", call.ret);
		/* What a user could then do with it. */
		ret = roc_buf_reg(call.ret, src, 4096, &reg);
		diag("ROC_BUFFER_REGISTER on it: %s", ret ? strerror(-ret) : "ok");
		close(call.ret);
	} else if (call.err != ENODEV) {
		fail("ROC_CHANNEL_OPEN after the removal: %s, expected ENODEV",
		     strerror(call.err));
	}
	close(call.fd);
	printf("storm: %s open-race channel open across the removal: %s\n",
	       failures ? "FAIL" : "ok",
	       call.ret >= 0 ? "succeeded" : strerror(call.err));
	return failures ? 1 : 0;
}

/* ---- removal while a channel ioctl waits in a page fault ----------------- */

struct ioctl_call {
	int fd;
	unsigned long cmd;
	void *arg;
	int ret;
	int err;
};

static void *ioctl_thread(void *p)
{
	struct ioctl_call *c = p;

	c->ret = ioctl(c->fd, c->cmd, c->arg);
	c->err = errno;
	return NULL;
}

struct del_call {
	unsigned int id;
	int ret;
	volatile int done;
};

static void *del_thread(void *p)
{
	struct del_call *d = p;

	d->ret = roc_sim_del(d->id);
	d->done = 1;
	return NULL;
}

enum uffd_what { UW_STRUCT, UW_PUSH, UW_POP, UW_REGISTER, UW_NR };

static const char *const uffd_what_name[UW_NR] = {
	"ROC_CHANNEL_STATUS structure", "ROC_PUSH entries", "ROC_POP entries",
	"ROC_BUFFER_REGISTER pages",
};

/* One card, one ioctl held in a fault on @page while the card goes. */
static void uffd_case(int uffd, unsigned int id, const char *type,
		      enum uffd_what what, uint8_t *page, uint8_t *src)
{
	struct uffdio_copy copy = { 0 };
	struct roc_buffer_reg reg;
	struct ioctl_call call = { .fd = -1 };
	struct del_call del = { .id = id };
	struct roc_push push = { .argsz = sizeof(push), .count = 1,
				 .entries = (uintptr_t)page };
	struct roc_pop pop = { .argsz = sizeof(pop), .max = 4,
			       .entries = (uintptr_t)page };
	/* pinning @page waits in its fault */
	struct roc_buffer_reg reg2 = { .argsz = sizeof(reg2),
				       .addr = (uintptr_t)page, .size = 4096 };
	struct roc_superpage *sp = (void *)src;
	struct uffd_msg msg;
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	pthread_t thr, dthr;
	const char *name = uffd_what_name[what];
	char dev[32];
	uint8_t *mem;
	double t0, waited;
	int devfd, ch, i, ret;

	ret = roc_sim_new(id, type, 960);
	if (ret) {
		fail("%s: create sim card %u: %s", type, id, strerror(-ret));
		return;
	}
	mem = roc_huge_alloc(2 * MiB, ROC_HUGE_2MB);
	if (sim_dev(id, 0, dev, sizeof(dev)) || !mem) {
		fail("%s: no device or no hugepage", type);
		roc_sim_del(id);
		return;
	}
	devfd = open(dev, O_RDWR);
	ch = devfd < 0 ? -errno : roc_channel_open_fd(devfd, 0);
	if (ch < 0 || roc_buf_reg(ch, mem, 2 * MiB, &reg) ||
	    roc_start(ch, ROC_SOURCE_INTERNAL)) {
		fail("%s: channel setup: %s", type, strerror(errno));
		goto out;
	}
	/* What the faulting page will hold once the fault is resolved. */
	memset(src, 0, 4096);
	call.fd = ch;
	switch (what) {
	case UW_STRUCT:
		((struct roc_channel_status *)src)->argsz =
			sizeof(struct roc_channel_status);
		call.cmd = ROC_CHANNEL_STATUS;
		call.arg = page;
		break;
	case UW_PUSH:
		*sp = (struct roc_superpage){ .buf_id = reg.id,
					      .size = 32 * 1024 };
		call.cmd = ROC_PUSH;
		call.arg = &push;
		break;
	case UW_POP:
		/* Four superpages ready, for a pop that writes into @page. */
		for (i = 0; i < 4; i++)
			if (roc_push1(ch, reg.id, i * 64 * 1024, 32 * 1024, i))
				fail("%s: push %d: %s", type, i, strerror(errno));
		if (roc_stop(ch))
			fail("%s: stop: %s", type, strerror(errno));
		call.cmd = ROC_POP;
		call.arg = &pop;
		break;
	case UW_REGISTER:
		call.cmd = ROC_BUFFER_REGISTER;
		call.arg = &reg2;
		break;
	default:
		break;
	}
	if (pthread_create(&thr, NULL, ioctl_thread, &call)) {
		fail("pthread_create");
		goto out;
	}
	if (poll(&pfd, 1, 30000) != 1 ||
	    read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT) {
		fail("%s, %s: the ioctl never faulted", type, name);
		/* It cannot be let go without the fault: give up here. */
		_exit(1);
	}
	diag("%s, %s: ioctl waits in a page fault; deleting the card", type,
	     name);
	t0 = now_s();
	if (pthread_create(&dthr, NULL, del_thread, &del)) {
		fail("pthread_create");
		_exit(1);
	}
	while (!del.done && now_s() - t0 < 60)
		usleep(10000);
	waited = now_s() - t0;
	if (!del.done)
		fail("%s, %s: the removal did not complete in %.0f s while the"
		     " ioctl waited in a page fault", type, name, waited);
	else if (del.ret)
		fail("%s: del_device: %s", type, strerror(-del.ret));
	else
		diag("%s, %s: removal completed in %.2f s, fault still pending",
		     type, name, waited);
	/* Let the ioctl go on. */
	copy.dst = (uintptr_t)page;
	copy.src = (uintptr_t)src;
	copy.len = 4096;
	if (ioctl(uffd, UFFDIO_COPY, &copy))
		fail("UFFDIO_COPY: %s", strerror(errno));
	pthread_join(thr, NULL);
	pthread_join(dthr, NULL);
	if (what == UW_POP && call.ret == 0) {
		/* Taken before the removal: handed over, each once. */
		struct roc_ready *r = (void *)page;
		unsigned int seen = 0;

		for (i = 0; i < (int)pop.count && i < 4; i++)
			seen |= 1U << r[i].cookie;
		if (pop.count != 4 || seen != 0xf)
			fail("%s, %s: popped %u superpages (cookies 0x%x)",
			     type, name, pop.count, seen);
		diag("%s, %s: the ioctl then handed over %u superpages", type,
		     name, pop.count);
	} else if (call.ret != -1 || call.err != ENODEV) {
		fail("%s, %s: the ioctl then returned %d (%s), expected ENODEV",
		     type, name, call.ret, strerror(call.err));
	} else {
		diag("%s, %s: the ioctl then failed with ENODEV", type, name);
	}
	/* The page is resolved now: drop it for the next case. */
	madvise(page, 4096, MADV_DONTNEED);
out:
	if (ch >= 0)
		close(ch);
	if (devfd >= 0)
		close(devfd);
	munmap(mem, 2 * MiB);
	roc_sim_del(id);	/* if still there */
}

static int uffd_removal(int argc, char **argv)
{
	static const char *const types[] = { "cru", "crorc" };
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register ureg = { 0 };
	unsigned int id, t, w, nr, maj, min;
	struct utsname u;
	uint8_t *page, *src;
	int uffd;

	if (argc != 3)
		return 2;
	id = strtoul(argv[2], NULL, 0);
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api)) {
		printf("storm: skip no userfaultfd (%s)\n", strerror(errno));
		return 4;
	}
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	src = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED || src == MAP_FAILED) {
		fail("mmap: %s", strerror(errno));
		return 1;
	}
	ureg.range.start = (uintptr_t)page;
	ureg.range.len = 4096;
	ureg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &ureg)) {
		fail("UFFDIO_REGISTER: %s", strerror(errno));
		return 1;
	}
	/*
	 * On 6.1 a long-term pin of a userfaultfd page never reports its
	 * fault to the userfaultfd (seen on Debian's 6.1.0-57: the thread
	 * stays stuck and no message comes), so the ROC_BUFFER_REGISTER case
	 * can only be driven on later kernels.
	 */
	nr = UW_NR;
	if (uname(&u) == 0 && sscanf(u.release, "%u.%u", &maj, &min) == 2 &&
	    (maj < 6 || (maj == 6 && min < 12))) {
		nr = UW_REGISTER;
		diag("kernel %s: the %s case needs 6.12 or later", u.release,
		     uffd_what_name[UW_REGISTER]);
	}
	for (t = 0; t < 2; t++)
		for (w = 0; w < nr; w++)
			uffd_case(uffd, id, types[t], w, page, src);
	printf("storm: %s uffd-removal: removal with a channel ioctl in a page"
	       " fault, %u cases\n", failures ? "FAIL" : "ok", 2 * nr);
	return failures ? 1 : 0;
}

/* ---- BAR readers of the soak -------------------------------------------- */

static int bars(int argc, char **argv)
{
	unsigned int secs, n, i;
	long total = 0, *ops;
	char path[64];
	int bad = 0;

	if (argc != 5)
		return 2;
	snprintf(path, sizeof(path), "/dev/%s", argv[2]);
	secs = strtoul(argv[3], NULL, 0);
	n = strtoul(argv[4], NULL, 0);
	ops = mmap(NULL, n * sizeof(long), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (ops == MAP_FAILED)
		return 1;
	for (i = 0; i < n; i++) {
		if (fork())
			continue;
		{
			int fd = open(path, O_RDWR);
			double until = now_s() + secs;
			volatile uint32_t *p = NULL;
			uint32_t v, sum = 0;
			long k = 0;

			if (fd < 0)
				_exit(1);
			if (!(i & 1)) {
				p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
					 ROC_BAR_OFFSET(0));
				if (p == MAP_FAILED)
					_exit(2);
			}
			while (now_s() < until) {
				int j;

				for (j = 0; j < 256; j++, k++) {
					if (p)
						sum += p[(k * 4) % 1024];
					else if (roc_reg_read(fd, 0, (k * 4) % 4096, &v))
						_exit(3);
				}
				ops[i] = k;
			}
			(void)sum;
			_exit(0);
		}
	}
	for (i = 0; i < n; i++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	}
	for (i = 0; i < n; i++) {
		if (!ops[i])
			bad++;
		total += ops[i];
	}
	printf("storm: %s readers=%u reads=%ld failed=%d\n", bad ? "FAIL" : "ok",
	       n, total, bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	char tools[256];
	char *slash;
	int ret = 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	srandom(getenv("ROC_STORM_SEED") ? atoi(getenv("ROC_STORM_SEED")) :
		getpid());
	/* The tools are in build/utils, beside build/selftests. */
	snprintf(tools, sizeof(tools), "%s", argv[0]);
	slash = strrchr(tools, '/');
	if (slash)
		snprintf(slash, tools + sizeof(tools) - slash, "/../utils");
	else
		snprintf(tools, sizeof(tools), "../utils");
	if (argc >= 2 && !strcmp(argv[1], "crash"))
		ret = crash(argc, argv);
	else if (argc >= 2 && !strcmp(argv[1], "removal"))
		ret = removal(argc, argv, tools);
	else if (argc >= 2 && !strcmp(argv[1], "open-race"))
		ret = open_race(argc, argv);
	else if (argc >= 2 && !strcmp(argv[1], "uffd-removal"))
		ret = uffd_removal(argc, argv);
	else if (argc >= 2 && !strcmp(argv[1], "bars"))
		ret = bars(argc, argv);
	if (ret == 2)
		fprintf(stderr, "usage: roc-storm crash N CRU_ID CRORC_ID | removal ROUNDS ID | open-race ID | uffd-removal ID | bars DEV SECONDS N\n");
	return ret;
}
