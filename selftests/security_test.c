// SPDX-License-Identifier: GPL-2.0
/*
 * security_test - what an unprivileged member of group "roc" can and cannot
 * do with an endpoint (SECURITY.md names these tests line by line).
 *
 * Each case forks a child that drops to uid 4242 with group roc as its only
 * supplementary group (setgroups + setresgid + setresuid: no capabilities
 * left, in particular no CAP_SYS_RAWIO and no CAP_IPC_LOCK) and opens
 * /dev/rocN itself.  The node is given the owner and mode the udev rule
 * sets (root:roc 0660); that the rule does so, and that a non-member gets
 * EACCES, is udev_test.sh's part.  The child reports the first step that
 * went wrong as its exit status.
 *
 * The endpoint is a simulated C-RORC: six channels, and protected windows
 * (superpage address/size, SPINFO, legacy FIFO bases) in every BAR.
 */
#include <grp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define KiB		1024UL
#define MiB		(1024 * KiB)
#define MEMBER_UID	4242
#define NOGROUP_GID	65534
#define SP		(32 * KiB)
#define CANARY		0xa5

/* C-RORC registers (docs/hardware.md 4.1) */
#define CRORC_SP_WR_SIZE	0x028	/* protected window 0x028-0x047 */
#define CRORC_SP_WR_ADDR_LOW	0x02c
#define CRORC_SP_WR_ADDR_HIGH	0x030
#define CRORC_SPINFO_HIGH	0x044
#define CRORC_RX_FIFO_ADDR_EXT	0x080	/* protected window 0x080-0x087 */
#define CRORC_RRBARX		0x084
#define CRORC_SCRATCH		0x300	/* not protected */

FIXTURE(sec) {
	unsigned int id;
	char name[16];
	char dev[32];
	gid_t roc_gid;
};

FIXTURE_SETUP(sec)
{
	struct group *g;

	if (geteuid())
		SKIP(return, "needs root (to create a card and drop to a member)");
	g = getgrnam("roc");
	if (!g)
		SKIP(return, "no group roc (make deps creates it)");
	self->roc_gid = g->gr_gid;

	self->id = roc_sim_pick_id() + 3;
	ASSERT_EQ(0, roc_sim_new_free(&self->id, "crorc", 700, 0, self->name,
				      sizeof(self->name)));
	snprintf(self->dev, sizeof(self->dev), "/dev/%s", self->name);
	/* What udev/60-roc.rules does (udev_test.sh shows it does). */
	ASSERT_EQ(0, chown(self->dev, 0, self->roc_gid));
	ASSERT_EQ(0, chmod(self->dev, 0660));
}

FIXTURE_TEARDOWN(sec)
{
	roc_sim_del(self->id);
}

/* Become uid MEMBER_UID in group roc, with no capability left. */
static int become_member(gid_t roc_gid)
{
	if (setgroups(1, &roc_gid) || setresgid(NOGROUP_GID, NOGROUP_GID,
						NOGROUP_GID) ||
	    setresuid(MEMBER_UID, MEMBER_UID, MEMBER_UID))
		return -1;
	return 0;
}

/*
 * Run @fn in a child that became a member; returns its exit status: 0, or
 * the step that failed (100 + n for setup problems).
 */
static int as_member(FIXTURE_DATA(sec) *self,
		     int (*fn)(FIXTURE_DATA(sec) *self, void *arg), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return 200;
	if (pid == 0) {
		if (become_member(self->roc_gid))
			_exit(101);
		_exit(fn(self, arg));
	}
	if (waitpid(pid, &status, 0) != pid)
		return 201;
	if (WIFSIGNALED(status))
		return 300 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* ---- node ---------------------------------------------------------------- */

static int member_open(FIXTURE_DATA(sec) *self, void *arg)
{
	struct roc_info info = { .argsz = sizeof(info) };
	uint32_t v;
	int fd;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	if (ioctl(fd, ROC_GET_INFO, &info) || info.card_type != ROC_CARD_CRORC)
		return 2;
	/* Every register can be read, the unprotected ones written. */
	if (roc_reg_read(fd, 0, CRORC_SP_WR_ADDR_LOW, &v))
		return 3;
	if (roc_reg_write(fd, 0, CRORC_SCRATCH, 0x1234) ||
	    roc_reg_read(fd, 0, CRORC_SCRATCH, &v) || v != 0x1234)
		return 4;
	return 0;
}

/* A member opens the node and uses the unprotected registers. */
TEST_F(sec, member_opens_node)
{
	int step = as_member(self, member_open, NULL);

	EXPECT_EQ(0, step) TH_LOG("step %d", step);
}

/* ---- protected registers ---------------------------------------------- */

static int member_prot_ioctl(FIXTURE_DATA(sec) *self, void *arg)
{
	static const uint32_t prot[] = {
		CRORC_SP_WR_SIZE, CRORC_SP_WR_ADDR_LOW, CRORC_SP_WR_ADDR_HIGH,
		CRORC_SPINFO_HIGH, CRORC_RX_FIFO_ADDR_EXT, CRORC_RRBARX,
	};
	struct roc_reg_op ops[2];
	unsigned int bar, i, done;
	uint32_t v;
	int fd;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	for (bar = 0; bar < 6; bar++) {
		for (i = 0; i < sizeof(prot) / sizeof(prot[0]); i++) {
			struct roc_reg_op op = {
				.op = ROC_REG_MODIFY, .bar = bar,
				.offset = prot[i], .mask = 1, .value = 1,
			};

			if (roc_reg_write(fd, bar, prot[i], 0x1000) != -EPERM)
				return 2;
			if (roc_reg_ops(fd, &op, 1, NULL) != -EPERM)
				return 3;
			if (roc_reg_read(fd, bar, prot[i], &v))
				return 4;
		}
	}
	/* A batch with one protected write does nothing at all. */
	memset(ops, 0, sizeof(ops));
	ops[0] = (struct roc_reg_op){ .op = ROC_REG_WRITE, .bar = 0,
				      .offset = CRORC_SCRATCH, .value = 0x77 };
	ops[1] = (struct roc_reg_op){ .op = ROC_REG_WRITE, .bar = 0,
				      .offset = CRORC_SP_WR_ADDR_LOW,
				      .value = 0x1000 };
	if (roc_reg_write(fd, 0, CRORC_SCRATCH, 0x66))
		return 5;
	if (roc_reg_ops(fd, ops, 2, &done) != -EPERM || done != 1)
		return 6;
	if (roc_reg_read(fd, 0, CRORC_SCRATCH, &v) || v != 0x66)
		return 7;
	return 0;
}

/*
 * Registers that hold bus addresses cannot be written by ioctl (write,
 * read-modify-write, or hidden in a batch); the values stay as they were.
 */
TEST_F(sec, protected_registers_ioctl)
{
	uint32_t before, after;
	int fd = open(self->dev, O_RDWR);

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, roc_reg_read(fd, 3, CRORC_SP_WR_ADDR_LOW, &before));
	EXPECT_EQ(0, as_member(self, member_prot_ioctl, NULL));
	ASSERT_EQ(0, roc_reg_read(fd, 3, CRORC_SP_WR_ADDR_LOW, &after));
	EXPECT_EQ(before, after);
	close(fd);
}

static int member_prot_mmap(FIXTURE_DATA(sec) *self, void *arg)
{
	unsigned int bar;
	int fd;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	for (bar = 0; bar < 6; bar++) {
		struct roc_bar_info bi = { .argsz = sizeof(bi), .index = bar };
		volatile uint32_t *p;

		if (ioctl(fd, ROC_GET_BAR_INFO, &bi))
			return 2;
		if (bi.flags & ROC_BAR_FLAG_MMAP_WRITE || bi.num_prot != 2)
			return 3;
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			 bi.offset);
		if (p != MAP_FAILED || errno != EPERM)
			return 4;
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, bi.offset);
		if (p == MAP_FAILED)
			return 5;
		(void)p[CRORC_SP_WR_ADDR_LOW / 4];
		if (!mprotect((void *)p, 4096, PROT_READ | PROT_WRITE) ||
		    errno != EACCES)
			return 6;
		/* A private copy would not reach the card either: refused. */
		if (mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd,
			 bi.offset) != MAP_FAILED)
			return 7;
		munmap((void *)p, 4096);
	}
	return 0;
}

/*
 * Pages holding protected windows map read-only for a member, and cannot
 * be made writable.
 */
TEST_F(sec, protected_registers_mmap)
{
	EXPECT_EQ(0, as_member(self, member_prot_mmap, NULL));
}

/* ---- DMA only into the registered buffer ---------------------------------- */

static int member_push_outside(FIXTURE_DATA(sec) *self, void *arg)
{
	const size_t len = 4 * MiB, reg_off = 1 * MiB, reg_len = 1 * MiB;
	struct roc_buffer_reg reg, reg1;
	struct roc_superpage sp[2];
	struct roc_ready r[32];
	uint32_t done;
	int fd, ch, ch1, n, i;
	size_t k;
	uint8_t *mem;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	ch = roc_channel_open_fd(fd, 0);
	ch1 = roc_channel_open_fd(fd, 1);
	if (ch < 0 || ch1 < 0)
		return 2;
	/*
	 * Hugepages: without an IOMMU a superpage must lie in physically
	 * contiguous memory (one bus segment).
	 */
	mem = roc_huge_alloc(len, ROC_HUGE_2MB);
	if (!mem)
		return 3;
	memset(mem, CANARY, len);
	if (roc_buf_reg(ch, mem + reg_off, reg_len, &reg))
		return 4;
	if (roc_buf_reg(ch1, mem + 3 * MiB, 64 * KiB, &reg1))
		return 5;
	if (roc_start(ch, ROC_SOURCE_INTERNAL))
		return 6;

	/* Past the end, straddling it, wrapping around, unaligned. */
	if (roc_push1(ch, reg.id, reg_len, SP, 0) != -ERANGE)
		return 10;
	if (roc_push1(ch, reg.id, reg_len - SP + 4096, SP, 0) != -ERANGE)
		return 11;
	if (roc_push1(ch, reg.id, -(uint64_t)4096, SP, 0) != -ERANGE)
		return 12;
	if (roc_push1(ch, reg.id, ~0ULL & ~4095ULL, 2 * SP, 0) != -ERANGE)
		return 13;
	if (roc_push1(ch, reg.id, 100, SP, 0) != -EINVAL)
		return 14;
	if (roc_push1(ch, reg.id, 0, 0, 0) != -EMSGSIZE ||
	    roc_push1(ch, reg.id, 0, SP + 4096, 0) != -EMSGSIZE ||
	    roc_push1(ch, reg.id, 0, 16 * MiB, 0) != -EMSGSIZE)
		return 15;
	/* Buffers that are not this channel's: unknown ids. */
	if (roc_push1(ch, reg.id + 1, 0, SP, 0) != -ENOENT ||
	    roc_push1(ch, ROC_MAX_BUFFERS, 0, SP, 0) != -ENOENT ||
	    roc_push1(ch, 0xffffffffu, 0, SP, 0) != -ENOENT)
		return 16;
	/* Two superpages on the same memory at once. */
	sp[0] = (struct roc_superpage){ .buf_id = reg.id, .offset = 0,
					.size = 2 * SP, .cookie = 1 };
	sp[1] = (struct roc_superpage){ .buf_id = reg.id, .offset = SP,
					.size = SP, .cookie = 2 };
	if (roc_push_n(ch, sp, 2, &done) != -EADDRINUSE || done != 1)
		return 17;
	/* Fill the rest of the buffer legitimately and let it run. */
	n = 1;
	for (k = 2 * SP; k + SP <= reg_len; k += SP, n++)
		if (roc_push1(ch, reg.id, k, SP, 10 + n))
			return 18;
	if (roc_pop_wait(ch, r, n > 32 ? 32 : n, 20000) != (n > 32 ? 32 : n))
		return 19;
	for (i = 0; i < (n > 32 ? 32 : n); i++)
		if (!(r[i].flags & ROC_READY_DONE))
			return 20;
	if (roc_stop(ch))
		return 21;
	/* Nothing outside [reg_off, reg_off + reg_len) was touched. */
	for (k = 0; k < len; k++) {
		if (k == reg_off)
			k += reg_len;
		if (k < len && mem[k] != CANARY)
			return 22;
	}
	/* ... and the buffer itself was written. */
	if (mem[reg_off] == CANARY && mem[reg_off + 1] == CANARY &&
	    mem[reg_off + 2] == CANARY && mem[reg_off + 3] == CANARY)
		return 23;
	/* An unregistered buffer is gone for good. */
	if (roc_buf_unreg(ch, reg.id) || roc_start(ch, ROC_SOURCE_INTERNAL))
		return 24;
	if (roc_push1(ch, reg.id, 0, SP, 0) != -ENOENT)
		return 25;
	return 0;
}

/*
 * The card only ever gets addresses inside the caller's registered buffer:
 * every push outside is refused, and a real run leaves memory around the
 * buffer untouched.
 */
TEST_F(sec, dma_only_into_registered_buffer)
{
	EXPECT_EQ(0, as_member(self, member_push_outside, NULL));
}

static int member_register_foreign(FIXTURE_DATA(sec) *self, void *arg)
{
	struct roc_buffer_reg reg;
	int fd, ch, efd;
	void *ro, *hole;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	ch = roc_channel_open_fd(fd, 0);
	if (ch < 0)
		return 2;
	/* Memory the process may read but not write: refused. */
	efd = open("/etc/passwd", O_RDONLY);
	if (efd < 0)
		return 3;
	ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, efd, 0);
	if (ro == MAP_FAILED)
		return 4;
	if (roc_buf_reg(ch, ro, 4096, &reg) != -EFAULT)
		return 5;
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, efd, 0);
	if (ro == MAP_FAILED)
		return 6;
	if (roc_buf_reg(ch, ro, 4096, &reg) != -EFAULT)
		return 7;
	/* Addresses not mapped in the caller: refused. */
	hole = mmap(NULL, 64 * KiB, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hole == MAP_FAILED)
		return 8;
	munmap(hole, 64 * KiB);
	if (roc_buf_reg(ch, hole, 64 * KiB, &reg) != -EFAULT)
		return 9;
	/* Kernel addresses: refused. */
	if (roc_buf_reg(ch, (void *)0xffff888000000000ULL, 64 * KiB,
			&reg) != -EFAULT)
		return 10;
	/* Nothing stays charged. */
	if (roc_vmlck_kib() != 0)
		return 11;
	return 0;
}

/*
 * A buffer is the caller's own writable memory: read-only mappings (a
 * file the caller may read, like /etc/passwd), holes and kernel addresses
 * cannot be registered, so the card cannot be made to write them.
 */
TEST_F(sec, register_only_own_writable_memory)
{
	EXPECT_EQ(0, as_member(self, member_register_foreign, NULL));
}

struct holder {
	int pipe_ready[2];
	int pipe_done[2];
};

/*
 * Holder: channel 0 with a buffer and completed superpages waiting in its
 * ready queue; it stays until told.
 */
static int member_hold(FIXTURE_DATA(sec) *self, void *arg)
{
	struct holder *h = arg;
	struct roc_buffer_reg reg;
	struct roc_channel_status st;
	int fd, ch, i;
	uint8_t *mem;
	char c = 0;

	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	ch = roc_channel_open_fd(fd, 0);
	if (ch < 0)
		return 2;
	mem = roc_huge_alloc(2 * MiB, ROC_HUGE_2MB);
	if (!mem || roc_buf_reg(ch, mem, 2 * MiB, &reg))
		return 3;
	if (roc_start(ch, ROC_SOURCE_INTERNAL))
		return 4;
	for (i = 0; i < 4; i++)
		if (roc_push1(ch, reg.id, i * SP, SP, i))
			return 5;
	for (i = 0; i < 200; i++) {
		if (roc_status(ch, &st))
			return 6;
		if (st.ready_count == 4)
			break;
		usleep(10000);
	}
	if (st.ready_count != 4)
		return 7;
	if (write(h->pipe_ready[1], &c, 1) != 1)
		return 8;
	if (read(h->pipe_done[0], &c, 1) != 1)
		return 9;
	/* Still all there: nobody took them. */
	if (roc_status(ch, &st) || st.ready_count != 4)
		return 10;
	return 0;
}

static int member_intrude(FIXTURE_DATA(sec) *self, void *arg)
{
	struct roc_channel_status st;
	struct roc_ready r[8];
	int fd, ch;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	/* The held channel: EBUSY. */
	if (roc_channel_open_fd(fd, 0) != -EBUSY)
		return 2;
	/* Another channel: none of the holder's buffers or superpages. */
	ch = roc_channel_open_fd(fd, 1);
	if (ch < 0)
		return 3;
	if (roc_status(ch, &st) || st.nr_buffers || st.ready_count ||
	    st.pushed)
		return 4;
	if (roc_pop_n(ch, r, 8) != 0)
		return 5;
	if (roc_start(ch, ROC_SOURCE_INTERNAL))
		return 6;
	if (roc_push1(ch, 0, 0, SP, 0) != -ENOENT)
		return 7;
	return 0;
}

/*
 * Another process cannot take a held channel (EBUSY) and sees none of the
 * holder's buffers or completed superpages from its own channel.
 */
TEST_F(sec, other_process_sees_nothing)
{
	struct holder h;
	int status, ret;
	pid_t pid;
	char c = 0;

	ASSERT_EQ(0, pipe(h.pipe_ready));
	ASSERT_EQ(0, pipe(h.pipe_done));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(h.pipe_ready[0]);
		close(h.pipe_done[1]);
		if (become_member(self->roc_gid))
			_exit(101);
		_exit(member_hold(self, &h));
	}
	close(h.pipe_ready[1]);
	close(h.pipe_done[0]);
	if (read(h.pipe_ready[0], &c, 1) == 1) {
		ret = as_member(self, member_intrude, NULL);
		EXPECT_EQ(0, ret) TH_LOG("intruder step %d", ret);
		EXPECT_EQ(1, write(h.pipe_done[1], &c, 1));
	}
	close(h.pipe_done[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, WEXITSTATUS(status)) TH_LOG("holder step %d",
						 WEXITSTATUS(status));
}

static int member_inherited_fd(FIXTURE_DATA(sec) *self, void *arg)
{
	struct roc_buffer_reg reg;
	struct roc_ready r[4];
	int fd, ch, status;
	uint8_t *mem;
	pid_t pid;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	ch = roc_channel_open_fd(fd, 2);
	if (ch < 0)
		return 2;
	mem = mmap(NULL, 1 * MiB, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED || roc_buf_reg(ch, mem, 512 * KiB, &reg))
		return 3;
	pid = fork();
	if (pid < 0)
		return 4;
	if (pid == 0) {
		/*
		 * A child with the channel fd (another mm) may not add its
		 * memory to the channel; pushes name the owner's buffer only.
		 */
		if (roc_buf_reg(ch, mem + 512 * KiB, 512 * KiB, &reg) != -EPERM)
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || WEXITSTATUS(status))
		return 5;
	if (roc_pop_n(ch, r, 4) != 0)
		return 6;
	return 0;
}

/* A channel's buffers all belong to the process that registered them. */
TEST_F(sec, channel_buffers_one_process)
{
	EXPECT_EQ(0, as_member(self, member_inherited_fd, NULL));
}

/* ---- memlock --------------------------------------------------------------- */

static int member_memlock(FIXTURE_DATA(sec) *self, void *arg)
{
	struct rlimit rl = { 4 * MiB, 4 * MiB };
	struct roc_buffer_reg reg;
	int fd, ch;
	uint8_t *mem;

	(void)arg;
	if (setrlimit(RLIMIT_MEMLOCK, &rl))	/* lowering needs no privilege */
		return 1;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 2;
	mem = mmap(NULL, 8 * MiB, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (mem == MAP_FAILED)
		return 3;
	ch = roc_channel_open_fd(fd, 0);
	if (ch < 0)
		return 4;
	if (roc_buf_reg(ch, mem, 8 * MiB, &reg) != -ENOMEM)
		return 5;
	if (roc_vmlck_kib() != 0)
		return 6;
	if (roc_buf_reg(ch, mem, 3 * MiB, &reg))
		return 7;
	if (roc_vmlck_kib() != 3072)
		return 8;
	if (roc_buf_reg(ch, mem + 3 * MiB, 2 * MiB, &reg) != -ENOMEM)
		return 9;
	/* Unregistering uncharges. */
	if (roc_buf_unreg(ch, reg.id) || roc_vmlck_kib() != 0)
		return 10;
	if (roc_buf_reg(ch, mem, 4 * MiB, &reg) || roc_vmlck_kib() != 4096)
		return 11;
	/* So does closing the channel. */
	close(ch);
	if (roc_vmlck_kib() != 0)
		return 12;
	ch = roc_channel_open_fd(fd, 0);
	if (ch < 0 || roc_buf_reg(ch, mem, 4 * MiB, &reg))
		return 13;
	return 0;
}

/*
 * Without CAP_IPC_LOCK, RLIMIT_MEMLOCK caps what a member pins; it is
 * uncharged on unregistration and on close.
 */
TEST_F(sec, memlock_enforced)
{
	EXPECT_EQ(0, as_member(self, member_memlock, NULL));
}

/* With CAP_IPC_LOCK the limit does not apply, but the pages still count. */
TEST_F(sec, memlock_cap_ipc_lock)
{
	struct rlimit rl = { 1 * MiB, 1 * MiB }, old;
	struct roc_buffer_reg reg;
	int fd, ch;
	uint8_t *mem;
	long before;

	ASSERT_EQ(0, getrlimit(RLIMIT_MEMLOCK, &old));
	fd = open(self->dev, O_RDWR);
	ASSERT_LE(0, fd);
	ch = roc_channel_open_fd(fd, 0);
	ASSERT_LE(0, ch);
	mem = mmap(NULL, 4 * MiB, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ASSERT_NE(MAP_FAILED, mem);
	before = roc_vmlck_kib();
	ASSERT_EQ(0, setrlimit(RLIMIT_MEMLOCK, &rl));
	EXPECT_EQ(0, roc_buf_reg(ch, mem, 4 * MiB, &reg));
	EXPECT_EQ(before + 4096, roc_vmlck_kib());
	close(ch);
	EXPECT_EQ(before, roc_vmlck_kib());
	setrlimit(RLIMIT_MEMLOCK, &old);
	munmap(mem, 4 * MiB);
	close(fd);
}

/* ---- no window into other memory ----------------------------------------- */

static int member_mmap_offsets(FIXTURE_DATA(sec) *self, void *arg)
{
	static const uint64_t bad[] = {
		ROC_BAR_OFFSET(6), ROC_BAR_OFFSET(7), ROC_BAR_OFFSET(0) + 4096,
		ROC_BAR_OFFSET(63), (uint64_t)-4096 & ~((1ULL << 12) - 1),
	};
	unsigned int i;
	int fd;

	(void)arg;
	fd = open(self->dev, O_RDWR);
	if (fd < 0)
		return 1;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
			 bad[i]) != MAP_FAILED)
			return 2 + i;
	/* Larger than the BAR. */
	if (mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd,
		 ROC_BAR_OFFSET(0)) != MAP_FAILED)
		return 10;
	return 0;
}

/*
 * mmap() of /dev/rocN reaches the BARs only: no offset maps anything else
 * (DMA buffers, another process's memory, kernel memory).
 */
TEST_F(sec, mmap_only_bars)
{
	EXPECT_EQ(0, as_member(self, member_mmap_offsets, NULL));
}

/* ---- simulator ------------------------------------------------------------- */

static int member_sim(FIXTURE_DATA(sec) *self, void *arg)
{
	char path[128];

	(void)arg;
	if (roc_write_file(ROC_SIM_BUS "/new_device", "999 cru") != -EACCES)
		return 1;
	snprintf(path, sizeof(path), "%u", self->id);
	if (roc_write_file(ROC_SIM_BUS "/del_device", path) != -EACCES)
		return 2;
	if (roc_sim_knob(self->id, "no_data", "1") != -EACCES)
		return 3;
	return 0;
}

/* Creating or deleting simulated cards and their knobs are root's. */
TEST_F(sec, sim_root_only)
{
	EXPECT_EQ(0, as_member(self, member_sim, NULL));
}

TEST_HARNESS_MAIN
