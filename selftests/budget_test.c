// SPDX-License-Identifier: GPL-2.0
/*
 * budget_test - the register budget per superpage (issue 14, section 1).
 *
 * On a real card a register read is a non-posted PCIe round trip and a
 * write a posted one, so the control path's cost is how many of each it
 * makes per superpage.  roc_sim counts the accesses of the roc core per
 * endpoint (debugfs ep<N>/registers); this test streams 1 MiB superpages
 * through a simulated card in no-data mode and asserts the counts, not
 * times:
 *
 *   CRU      <= 4 writes and <= 2.5 reads per superpage (3 descriptor
 *            writes, one size-FIFO pop and read, one completion-counter
 *            read per link and harvest pass)
 *   C-RORC   3 writes and no read per superpage (one read-back per run)
 *
 * Each round pushes a batch, waits until the card has completed it (the
 * simulator's superpage counter, which costs no register access), then
 * poll()s and pops: one harvest pass per batch, and a pop served from the
 * ready queue reads nothing.  The same for a poll() that finds superpages
 * ready without waiting.  The C-RORC is fed by each harvest, which reads
 * host memory only, so it is simply waited for in poll().
 */
#include <time.h>

#include "kselftest_harness.h"
#include "roc_dma.h"

#define MiB		(1024 * 1024UL)
#define SP_SIZE		MiB
#define BATCH		48
#define ROUNDS		4
#define BUF_SIZE	(BATCH * SP_SIZE)

FIXTURE(budget) {
	unsigned int id;
	char name[16];
	char dbg[128];
	int devfd;
	int chfd;
	uint8_t *buf;
	uint32_t buf_id;
};

FIXTURE_VARIANT(budget) {
	const char *type;
	unsigned int channel;
	unsigned int max_writes_x2;	/* per superpage, times 2 */
	unsigned int max_reads_x2;
};

FIXTURE_VARIANT_ADD(budget, cru) {
	.type = "cru", .channel = 0, .max_writes_x2 = 8, .max_reads_x2 = 5,
};

FIXTURE_VARIANT_ADD(budget, crorc) {
	.type = "crorc", .channel = 2, .max_writes_x2 = 6, .max_reads_x2 = 0,
};

static int sim_file(FIXTURE_DATA(budget) *self, const char *f, char *buf,
		    size_t len)
{
	char path[192];

	snprintf(path, sizeof(path), "%s/%s", self->dbg, f);
	return roc_read_file(path, buf, len);
}

/* The endpoint's debugfs "registers" file, all its lines. */
static int registers_read(FIXTURE_DATA(budget) *self, char *buf, size_t len)
{
	char path[192];
	int fd, n;

	snprintf(path, sizeof(path), "%s/registers", self->dbg);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return -EIO;
	buf[n] = 0;
	return 0;
}

/* Register accesses since the last reset. */
static int reg_counts(FIXTURE_DATA(budget) *self, long long *r, long long *w)
{
	char buf[512];
	int ret = registers_read(self, buf, sizeof(buf));

	if (ret)
		return ret;
	return sscanf(buf, "reads %lld writes %lld", r, w) == 2 ? 0 : -EINVAL;
}

static int reg_reset(FIXTURE_DATA(budget) *self)
{
	char path[192];

	snprintf(path, sizeof(path), "%s/registers", self->dbg);
	return roc_write_file(path, "0");
}

static long long sim_superpages(FIXTURE_DATA(budget) *self)
{
	char buf[64];

	if (sim_file(self, "superpages", buf, sizeof(buf)))
		return -1;
	return atoll(buf);
}

FIXTURE_SETUP(budget)
{
	char dev[32];
	int ret;

	self->id = roc_sim_pick_id() + 5;
	ASSERT_EQ(0, roc_sim_new_free(&self->id, variant->type, 600, 0,
				      self->name, sizeof(self->name)));
	snprintf(self->dbg, sizeof(self->dbg),
		 "/sys/kernel/debug/roc_sim/roc_sim%u/ep0", self->id);
	ASSERT_EQ(0, roc_sim_knob(self->id, "no_data", "1"));
	snprintf(dev, sizeof(dev), "/dev/%s", self->name);
	self->devfd = open(dev, O_RDWR);
	ASSERT_LE(0, self->devfd);
	ret = roc_channel_with_buf(self->devfd, variant->channel, BUF_SIZE,
				   &self->chfd, &self->buf, &self->buf_id);
	ASSERT_EQ(0, ret) TH_LOG("channel %u with 2 MiB hugepages: %s",
				 variant->channel, strerror(-ret));
}

FIXTURE_TEARDOWN(budget)
{
	if (self->chfd >= 0)
		close(self->chfd);
	if (self->buf)
		munmap(self->buf, BUF_SIZE);
	close(self->devfd);
	roc_sim_del(self->id);
}

/* Wait (no register access) until the card completed @total superpages. */
static int wait_card(FIXTURE_DATA(budget) *self, long long total)
{
	struct timespec ts = { 0, 2000000 };
	int i;

	for (i = 0; i < 30000; i++) {
		if (sim_superpages(self) >= total)
			return 0;
		nanosleep(&ts, NULL);
	}
	return -ETIMEDOUT;
}

TEST_F(budget, per_superpage)
{
	static struct roc_superpage sp[BATCH];
	static struct roc_ready rd[BATCH];
	long long reads, writes, base;
	unsigned int round, i, n;
	struct pollfd pfd = { .fd = self->chfd, .events = POLLIN };
	uint32_t done;

	ASSERT_EQ(0, roc_start(self->chfd, ROC_SOURCE_INTERNAL));
	base = sim_superpages(self);
	ASSERT_LE(0, base);
	for (i = 0; i < BATCH; i++)
		sp[i] = (struct roc_superpage){ .buf_id = self->buf_id,
			.offset = i * SP_SIZE, .size = SP_SIZE, .cookie = i };
	ASSERT_EQ(0, reg_reset(self));
	for (round = 0; round < ROUNDS; round++) {
		ASSERT_EQ(0, roc_push_n(self->chfd, sp, BATCH, &done));
		if (!variant->max_reads_x2) {
			/*
			 * The C-RORC holds one superpage: each harvest
			 * (host memory, no register) hands it the next.
			 */
			ASSERT_EQ(BATCH, roc_pop_wait(self->chfd, rd, BATCH,
						      60000));
			continue;
		}
		ASSERT_EQ(0, wait_card(self, base + (round + 1) * BATCH));
		ASSERT_EQ(1, poll(&pfd, 1, 10000));
		for (n = 0; n < BATCH; ) {
			int got = roc_pop_n(self->chfd, rd, BATCH - n);

			ASSERT_LT(0, got);
			for (i = 0; i < (unsigned int)got; i++)
				ASSERT_EQ(ROC_READY_DONE, rd[i].flags);
			n += got;
		}
	}
	ASSERT_EQ(0, reg_counts(self, &reads, &writes));
	n = ROUNDS * BATCH;
	ksft_print_msg("%s: %.3f writes, %.3f reads per superpage (%u superpages of 1 MiB)\n",
		       variant->type, (double)writes / n, (double)reads / n, n);
	EXPECT_GE(variant->max_writes_x2 * n, 2 * writes);
	/* Plus one: the C-RORC's read-back of the first commit of a run. */
	EXPECT_GE(variant->max_reads_x2 * n + 2, 2 * reads);
	EXPECT_EQ(0, roc_stop(self->chfd));
}

/* The core's poll timer of the endpoint (same debugfs file). */
struct ptimer {
	long long armed, starts, expiries, woken;
};

static int ptimer_read(FIXTURE_DATA(budget) *self, struct ptimer *t)
{
	char buf[512];
	const char *p;
	int ret = registers_read(self, buf, sizeof(buf));

	if (ret)
		return ret;
	p = strstr(buf, "poll_timer_armed");
	if (!p || sscanf(p, "poll_timer_armed %lld poll_timer_starts %lld "
			 "poll_timer_expiries %lld poll_timer_woken %lld",
			 &t->armed, &t->starts, &t->expiries, &t->woken) != 4)
		return -EINVAL;
	return 0;
}

#define SIX		6
#define SIX_BATCH	4
#define SIX_BUF		(4 * MiB)

/*
 * All six channels of a C-RORC stream at once, one poll() waiting on all
 * of them: the endpoint has one poll timer, which wakes every channel
 * waiting when it expires and is stopped once no channel waits; the
 * register budget per superpage stays that of one channel.
 */
TEST_F(budget, crorc_six_channels_one_timer)
{
	static struct roc_superpage sp[SIX_BATCH];
	static struct roc_ready rd[SIX_BATCH];
	struct pollfd pfd[SIX];
	uint8_t *mem[SIX] = { 0 };
	uint32_t bid[SIX], done;
	unsigned int got[SIX], round, c, i, left;
	struct ptimer t0, t1, t2;
	long long reads, writes;
	int fd[SIX], ret;

	if (strcmp(variant->type, "crorc"))
		SKIP(return, "the C-RORC has six channels on one endpoint");
	ASSERT_EQ(0, ptimer_read(self, &t0));
	for (c = 0; c < SIX; c++) {
		if (c == variant->channel) {
			fd[c] = self->chfd;
			bid[c] = self->buf_id;
		} else {
			ret = roc_channel_with_buf(self->devfd, c, SIX_BUF,
						   &fd[c], &mem[c], &bid[c]);
			ASSERT_EQ(0, ret) TH_LOG("channel %u: %s", c,
						 strerror(-ret));
		}
		ASSERT_EQ(0, roc_start(fd[c], ROC_SOURCE_INTERNAL));
		pfd[c] = (struct pollfd){ .fd = fd[c], .events = POLLIN };
	}
	ASSERT_EQ(0, reg_reset(self));
	for (round = 0; round < ROUNDS; round++) {
		for (c = 0; c < SIX; c++) {
			for (i = 0; i < SIX_BATCH; i++)
				sp[i] = (struct roc_superpage){ .buf_id = bid[c],
					.offset = i * SP_SIZE, .size = SP_SIZE,
					.cookie = i };
			ASSERT_EQ(0, roc_push_n(fd[c], sp, SIX_BATCH, &done));
			got[c] = 0;
		}
		for (left = SIX; left; ) {
			ASSERT_LT(0, poll(pfd, SIX, 20000));
			for (c = 0; c < SIX; c++) {
				int n;

				if (got[c] == SIX_BATCH || !(pfd[c].revents & POLLIN))
					continue;
				n = roc_pop_n(fd[c], rd, SIX_BATCH);
				ASSERT_LE(0, n);
				got[c] += n;
				if (got[c] == SIX_BATCH) {
					left--;
					pfd[c].events = 0;
				}
			}
			ASSERT_EQ(0, ptimer_read(self, &t1));
			ASSERT_GE(1, t1.armed);
		}
		for (c = 0; c < SIX; c++)
			pfd[c].events = POLLIN;
	}
	ASSERT_EQ(0, reg_counts(self, &reads, &writes));
	ASSERT_EQ(0, ptimer_read(self, &t1));
	i = ROUNDS * SIX * SIX_BATCH;
	ksft_print_msg("six channels: %.3f writes, %.3f reads per superpage (%u superpages); poll timer: %lld starts, %lld expiries, %lld channels woken\n",
		       (double)writes / i, (double)reads / i, i,
		       t1.starts - t0.starts, t1.expiries - t0.expiries,
		       t1.woken - t0.woken);
	EXPECT_GE(3 * i, writes);
	/* The read-back of the first commit of each channel's run. */
	EXPECT_GE(SIX, reads);
	EXPECT_GE(t1.starts - t0.starts, t1.expiries - t0.expiries);
	for (c = 0; c < SIX; c++) {
		EXPECT_EQ(0, roc_stop(fd[c]));
		if (c != variant->channel) {
			close(fd[c]);
			munmap(mem[c], SIX_BUF);
		}
	}
	/* No channel waits: the timer is stopped, or expires once more. */
	for (i = 0; i < 2000; i++) {
		struct timespec ts = { 0, 1000000 };

		ASSERT_EQ(0, ptimer_read(self, &t2));
		if (!t2.armed)
			break;
		nanosleep(&ts, NULL);
	}
	EXPECT_EQ(0, t2.armed);
}

TEST_HARNESS_MAIN
