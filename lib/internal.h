/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libroc - private declarations shared by the library's objects.
 *
 * Not installed.  Everything here is hidden (-fvisibility=hidden); only
 * functions marked ROC_API are exported.  The uapi structures of
 * <linux/roc.h> are used only in this layer and never appear in libroc.h.
 */
#ifndef ROC_INTERNAL_H
#define ROC_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libroc.h"

#define ROC_API __attribute__((visibility("default")))

#define ROC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Longest bus address string, NUL included (uapi ROC_ADDR_LEN). */
#define ROC_ADDRESS_MAX 32
/* "rocN" */
#define ROC_NAME_MAX 16
/* "/dev/rocN" or a user-given path */
#define ROC_PATH_MAX 4096

/* Directory of the character devices. */
#define ROC_DEV_DIR "/dev"

/*
 * struct roc_card_info - identity of one endpoint.  Filled from a netlink
 * message (card-list.c, monitor.c) or from ROC_GET_INFO (card.c).
 */
struct roc_card_info {
	int dev_id;		/* N of /dev/rocN, -1 if unknown */
	int sequence;		/* "#N" of an enumeration, -1 if none */
	enum roc_type type;
	unsigned int endpoint;
	int serial;		/* -1 if none */
	int numa_node;
	unsigned int link_count;
	unsigned int num_channels;
	unsigned int num_bars;	/* 0 if unknown (netlink) */
	uint32_t fw_hash;
	uint32_t fw_date;
	uint32_t fw_time;
	bool simulated;
	bool has_temperature;
	bool has_dropped_packets;
	int32_t temperature;	/* millidegrees Celsius */
	uint64_t dropped_packets;
	char address[ROC_ADDRESS_MAX];
	char name[ROC_NAME_MAX];
	char path[ROC_PATH_MAX];
};

/* ring.c: the push and ready rings of a channel (issue 14) */

struct roc_chring;
struct roc_ring_done;
/*
 * ROC_RING_SETUP and map; -errno of the kernel (ENOTTY: none).  *@set_up:
 * the kernel made the rings (the ioctl path is closed even on failure).
 */
int roc_chring_open(int fd, bool thread, struct roc_chring **rp,
		    bool *set_up);
void roc_chring_close(struct roc_chring *r);
bool roc_chring_thread(const struct roc_chring *r);
void roc_chring_invalidate(struct roc_chring *r);
/*
 * Publish up to @n entries; *@done: how many (in flight or refused).
 * Without the thread, *@err and *@bad: the first refusal among them.
 * Return 0, -ENOSPC (nothing published), or -errno of ROC_RING_ENTER.
 */
int roc_chring_push(struct roc_chring *r, const struct roc_sp_desc *sps,
		    size_t n, size_t *done, size_t *bad, int *err);
/*
 * Up to @max ready entries, stopping before a refusal; one first in line
 * with @report: taken, 0 returned, its errno in *@err and itself in out[0].
 */
int roc_chring_pop(struct roc_chring *r, struct roc_ring_done *out,
		   size_t max, bool report, int *err);
bool roc_chring_ready(struct roc_chring *r);
void roc_chring_stats(struct roc_chring *r, uint32_t *queued,
		      uint32_t *ready);
int roc_chring_get_refused(const struct roc_chring *r,
			   struct roc_sp_desc *sp);
/* channel.c: the rings of a channel, NULL on the ioctl path */
struct roc_chring *roc_channel_ring(const struct roc_channel *ch);

/* error.c */

/*
 * Record the message of a failure in the thread's last-error buffer and
 * return @ret (a negative errno).  The message should name the card and
 * the problem; roc_err() appends nothing.
 */
int roc_err(int ret, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* As roc_err(), with ": strerror(-ret)" appended. */
int roc_err_errno(int ret, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* i2c.c: the MiniPOD power of a CRU link for roc_status_read(); leaves
 * @uw as it is without a reading */
void roc_cru_status_power(struct roc_card *card, unsigned int link,
			  double *uw);

/* card-info.c */

void roc_card_info_init(struct roc_card_info *info);
/* "roc3 (CRU 0245:1 at 0000:3b:00.0)": the card as messages name it. */
void roc_card_info_label(const struct roc_card_info *info, char *buf,
			 size_t len);
/* Order of enumeration: C-RORCs, then CRUs, each by bus address. */
int roc_card_info_cmp(const struct roc_card_info *a,
		      const struct roc_card_info *b);
/* Set @name ("rocN") and the /dev path from it. */
void roc_card_info_set_name(struct roc_card_info *info, const char *name);

/* card-id.c */

/* Parse a bus address ("[dddd:]bb:ss.f" or "roc_sim:C.E") for sorting. */
struct roc_bus_address {
	enum { ROC_BUS_PCI, ROC_BUS_SIM, ROC_BUS_OTHER } bus;
	uint32_t domain, bus_nr, slot, function;	/* PCI */
	uint32_t card, endpoint;			/* roc_sim */
};
void roc_bus_address_parse(const char *str, struct roc_bus_address *addr);

/* netlink.c */

struct nl_sock;
struct nl_msg;

/* Connect a generic netlink socket and resolve the "roc" family. */
int roc_nl_open(struct nl_sock **skp, int *familyp);
void roc_nl_close(struct nl_sock *sk);
/* dev-get: dump every endpoint (@dev_id < 0) or get one. */
int roc_nl_dev_get(struct nl_sock *sk, int family, int dev_id,
		   int (*cb)(const struct roc_card_info *info, void *arg),
		   void *arg);
/* Parse a "dev" attribute set: 0, or -EBADMSG if it misses identity. */
int roc_nl_parse_dev(const void *attrs, int len, struct roc_card_info *info);
/* Translate a libnl error code (negative NLE_*) into a negative errno. */
int roc_nl_errno(int nlerr);

/* batch.c */

struct roc_reg_op;
enum roc_reg_what { ROC_REG_WHAT_READ, ROC_REG_WHAT_WRITE, ROC_REG_WHAT_MODIFY };

/*
 * ROC_REG_BATCH of @count (<= ROC_REG_BATCH_MAX) operations; @done gets the
 * kernel's count.  Sets a message naming the card, the failed operation
 * and the problem; returns 0 or -errno.
 */
int roc_reg_ioctl(struct roc_card *card, struct roc_reg_op *ops,
		  size_t count, size_t *done);
/* Message for a failed register access; returns @ret. */
int roc_reg_error(struct roc_card *card, enum roc_reg_what what,
		  unsigned int bar, uint32_t address, int ret);

/* fw-file.c */

int roc_fw_list_load_ini(struct roc_fw_list *list, const char *path);
int roc_fw_list_load_json(struct roc_fw_list *list, const char *path);
/* fw-list.c: parse "6955404", "0x6955404"; 0 or -EINVAL. */
int roc_fw_hash_parse(const char *str, uint32_t *hashp);
/* "cru", "crorc", "" (both) -> type; -EINVAL otherwise. */
int roc_fw_section_type(const char *section, enum roc_type *typep);

/* status.c: decoding of CRU registers, exposed for the unit tests. */

/*
 * State of a CRU link from its GBT status register (docs/hardware.md 2.4): UP
 * when both inverted sticky bits (14, 15) are set.  Otherwise, if
 * @cleared, the register was read again (@after) once the sticky bits were
 * cleared: UP_WAS_DOWN if they are set now, else DOWN; if not @cleared,
 * the live bits decide: UP_WAS_DOWN if PHY (13) and data layer (11) are
 * up, else DOWN.
 */
enum roc_link_state roc_gbt_link_state(uint32_t status, bool cleared,
				       uint32_t after);
/* Does a GBT status word call for clearing its sticky bits? */
bool roc_gbt_needs_clear(uint32_t status);
/*
 * CRU temperature from the sensor register (2.2): raw = bits 9:0,
 * degrees = raw * 693 / 1024 - 265.  0, or -ENODATA for raw 0 or a value
 * above 1023.
 */
int roc_cru_temperature_decode(uint32_t reg, int32_t *millideg);

/*
 * Copy the library's struct @src (@len bytes, starting with a uint32_t
 * size) out to the caller's @dst, whose size field says how big it is:
 * the bytes both know are copied, the rest of @dst is zeroed and its size
 * set to the bytes filled.  -EINVAL (with a message naming @what) if
 * @dst's size is below @min, the size of the struct's first version.
 */
int roc_struct_out(void *dst, const void *src, size_t len, size_t min,
		   const char *what);

#endif /* ROC_INTERNAL_H */
