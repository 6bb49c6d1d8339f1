/* SPDX-License-Identifier: LGPL-2.1-or-later */
/**
 * @file libroc.h
 * libroc - user-space library of the roc driver for the ALICE CRU and
 * C-RORC readout cards.
 *
 * The library wraps the character devices /dev/rocN (one per endpoint of a
 * card) and the generic netlink family "roc".  It is the only public header;
 * it does not include the kernel's <linux/roc.h> and its names do not clash
 * with it, so a program may include both.
 *
 * Objects are opaque and paired new/free or open/close:
 *  - ::roc_card_id    a parsed card ID string ("3b:00.0", "#0", "245:1", ...)
 *  - ::roc_card_list  the endpoints present, in enumeration order
 *  - ::roc_card_info  the identity of one endpoint
 *  - ::roc_card       an open endpoint (/dev/rocN)
 *  - ::roc_bar        register access to one BAR of an open endpoint
 *  - ::roc_batch      a batch of register operations for one ioctl
 *  - ::roc_fw_list    accepted firmware versions
 *  - ::roc_monitor    endpoints appearing and disappearing
 *  - ::roc_event      one such event
 *  - ::roc_channel    a DMA channel of an open endpoint
 *  - ::roc_buffer     hugepage memory for DMA, registered on a channel
 *  - ::roc_checker    checks the data patterns of the cards' generators
 *  - ::roc_config     settings of an endpoint (INI files, apply, read back)
 *  - ::roc_status     a snapshot of an endpoint's status registers
 * Link masks (roc_link_mask_parse()) are plain uint32_t bit masks.
 *
 * Structs with a public layout come in three kinds:
 *  - Structs the caller passes for libroc to fill (::roc_channel_stats,
 *    ::roc_buffer_segments) start with "uint32_t size", as the kernel's
 *    argsz: the caller sets it to sizeof its struct (ROC_STRUCT_INIT());
 *    libroc fills what both know, zeroes the rest of the caller's struct,
 *    and sets size to the bytes it filled.  A program built against an
 *    older header gets what it knows; one built against a newer header
 *    sees with ROC_HAS_FIELD() which fields an older library filled.  A
 *    size below that of the first version is -EINVAL.
 *  - Structs libroc owns and hands out by pointer (::roc_link_status,
 *    ::roc_check_error) or in an array it allocates (::roc_config_change)
 *    also start with "uint32_t size", which libroc sets to its own sizeof:
 *    read a field that a newer header added only if ROC_HAS_FIELD() says
 *    it is there, do not copy such structs by value, and step through
 *    arrays with their size (roc_config_change_at()).
 *  - The superpage descriptors (::roc_sp_desc, ::roc_sp_ready), passed in
 *    arrays on the data path, have a fixed layout with explicit reserved
 *    fields (zero); it does not change while the soname stays: new fields
 *    would come with new functions.
 * New fields are only ever added at the end of a struct.
 *
 * Names: functions are roc_<object>_<verb>, getters roc_<object>_get_<x>;
 * an enum's constants are named after it, ROC_<ENUM>_<VALUE> (enum
 * roc_dma_source: ROC_DMA_SOURCE_DDG), with "_flags" dropped for flag sets
 * (enum roc_open_flags: ROC_OPEN_READONLY).  There is one enum per
 * concept: the setting values of the configuration and the status share
 * ::roc_clock, ::roc_gbt_mux and the others.
 *
 * Errors: every function that can fail returns a negative errno (or NULL
 * for the few that return a pointer and say so) and leaves a readable
 * message, naming the card and the problem, in a per-thread buffer that
 * roc_strerror_last() returns.  Passing NULL for an object is a programming
 * error and is not checked.
 *
 * Threads: objects are not thread-safe; use one object from one thread at a
 * time.  Distinct objects may be used from different threads.
 */
#ifndef LIBROC_H
#define LIBROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct roc_card_id;
struct roc_card_info;
struct roc_card_list;
struct roc_card;
struct roc_bar;
struct roc_batch;
struct roc_fw_list;
struct roc_monitor;
struct roc_event;

#ifndef __cplusplus
/**
 * Initializer of a struct that starts with a size field:
 * struct roc_channel_stats st = ROC_STRUCT_INIT(st);
 * (C only: in C++, value-initialize the struct and set its size.)
 */
#define ROC_STRUCT_INIT(var) { .size = sizeof(var) }
#endif
/**
 * Does the struct at @p ptr (of type @p type, with a size field) hold
 * @p field?  Always true for the fields of the first version.
 */
#define ROC_HAS_FIELD(type, ptr, field) \
	(offsetof(type, field) + sizeof(((type *)0)->field) <= (ptr)->size)

/** Version of libroc, "MAJOR.MINOR.PATCH". */
const char *roc_version_string(void);

/**
 * Message of the last failure of a libroc function in this thread.
 * @return A string owned by the library, valid until the next libroc call
 *	   in this thread; "" if nothing failed yet.
 */
const char *roc_strerror_last(void);

/* ------------------------------------------------------------------------ */
/** @name Card types */

/** Kind of card behind an endpoint (same values as the kernel's). */
enum roc_type {
	ROC_TYPE_UNKNOWN = 0,	/**< not identified */
	ROC_TYPE_CRORC = 1,	/**< C-RORC: one endpoint, six DMA channels */
	ROC_TYPE_CRU = 2,	/**< CRU: two endpoints, one DMA channel each */
};

/**
 * Name of a card type as the tools print it.
 * @return "CRU", "CRORC" or "unknown"; a static string.
 */
const char *roc_type_name(enum roc_type type);

/* ------------------------------------------------------------------------ */
/** @name Card IDs
 *
 * A card ID names one endpoint.  Accepted forms, tried in this order after
 * leading and trailing blanks are removed:
 *  - a path starting with "/": "/dev/roc3", "/dev/roc/by-serial/245-1";
 *  - "rocN": the character device /dev/rocN;
 *  - "#N": the N-th endpoint (from 0, any number of decimal digits) in
 *    enumeration order, which is the order of roc-list-cards: all C-RORCs,
 *    then all CRUs, each sorted by bus address (PCI addresses by domain,
 *    bus, slot, function, then simulated cards by card and endpoint);
 *  - "roc_sim:C.E": endpoint E of simulated card C (decimal);
 *  - a PCI address "[dddd:]bb:ss.f" (hex; domain 0000 if left out;
 *    bus <= ff, slot <= 1f, function <= 7);
 *  - "SERIAL[:ENDPOINT]": decimal serial number (0 to 2147483646) and
 *    endpoint 0 or 1 (default 0).
 */

/** Form of a card ID. */
enum roc_card_id_kind {
	ROC_CARD_ID_KIND_PATH = 1,	/**< a device path */
	ROC_CARD_ID_KIND_NAME,		/**< "rocN" */
	ROC_CARD_ID_KIND_SEQUENCE,	/**< "#N" */
	ROC_CARD_ID_KIND_SIM,		/**< "roc_sim:C.E" */
	ROC_CARD_ID_KIND_PCI,		/**< "[dddd:]bb:ss.f" */
	ROC_CARD_ID_KIND_SERIAL,		/**< "SERIAL[:ENDPOINT]" */
};

struct roc_card_id;

/**
 * Parse a card ID.
 * @param str The string.
 * @param idp Receives the card ID, to be freed with roc_card_id_free().
 * @return 0, -EINVAL for a malformed string (the message says what is
 *	   wrong and which forms are accepted), -ENOMEM.
 */
int roc_card_id_parse(const char *str, struct roc_card_id **idp);
/** Free a card ID; NULL is allowed. */
void roc_card_id_free(struct roc_card_id *id);
/** Form of the card ID. */
enum roc_card_id_kind roc_card_id_get_kind(const struct roc_card_id *id);
/**
 * Canonical text of the card ID: "/dev/roc3", "roc3", "#3",
 * "roc_sim:1.0", "0000:3b:00.0", "245:1".
 * @return A string valid for the lifetime of @p id.
 */
const char *roc_card_id_to_string(const struct roc_card_id *id);
/** N of "#N" or of "rocN"; -1 for other forms. */
int roc_card_id_get_number(const struct roc_card_id *id);
/** Serial number of a SERIAL ID; -1 for other forms. */
int roc_card_id_get_serial(const struct roc_card_id *id);
/** Endpoint of a SERIAL or SIM ID; -1 for other forms. */
int roc_card_id_get_endpoint(const struct roc_card_id *id);
/**
 * Does the endpoint described by @p info match the ID?  PATH IDs match
 * the endpoint whose /dev/rocN the path resolves to; SEQUENCE IDs the
 * endpoint with that sequence number in a ::roc_card_list.
 */
bool roc_card_id_matches(const struct roc_card_id *id,
			 const struct roc_card_info *info);

/* ------------------------------------------------------------------------ */
/** @name Endpoint identity */

struct roc_card_info;

/**
 * Ask the driver (netlink dev-get) for the current identity and readings
 * (temperature, dropped packets) of /dev/roc@p dev_id.
 * @param dev_id N of /dev/rocN.
 * @param infop Receives the info, to be freed with roc_card_info_free().
 * @return 0; -ENOENT if the roc driver is not loaded, -ENODEV if there is
 *	   no such endpoint, another -errno of the netlink socket.
 */
int roc_card_info_query(int dev_id, struct roc_card_info **infop);
/** Copy an info, e.g. one owned by a list.  @return 0 or -ENOMEM. */
int roc_card_info_dup(const struct roc_card_info *info,
		      struct roc_card_info **copyp);
/** Free an info obtained from roc_card_info_query() or _dup(). */
void roc_card_info_free(struct roc_card_info *info);

/** N of /dev/rocN; -1 if unknown. */
int roc_card_info_get_dev_id(const struct roc_card_info *info);
/** "rocN"; "" if unknown. */
const char *roc_card_info_get_name(const struct roc_card_info *info);
/** Path of the character device, "/dev/rocN" or the path opened. */
const char *roc_card_info_get_path(const struct roc_card_info *info);
/** "#N" of the enumeration this info comes from; -1 if none. */
int roc_card_info_get_sequence(const struct roc_card_info *info);
/** Card type. */
enum roc_type roc_card_info_get_type(const struct roc_card_info *info);
/** Endpoint number on the card (CRU 0 or 1, C-RORC 0). */
unsigned int roc_card_info_get_endpoint(const struct roc_card_info *info);
/** Card serial number; -1 if the card has none or it is unreadable. */
int roc_card_info_get_serial(const struct roc_card_info *info);
/** Bus address: "0000:3b:00.0", or "roc_sim:C.E" for a simulated card. */
const char *roc_card_info_get_address(const struct roc_card_info *info);
/** NUMA node of the endpoint; -1 if none. */
int roc_card_info_get_numa_node(const struct roc_card_info *info);
/** Number of optical links. */
unsigned int roc_card_info_get_link_count(const struct roc_card_info *info);
/** Number of DMA channels (CRU 1, C-RORC 6). */
unsigned int roc_card_info_get_num_channels(const struct roc_card_info *info);
/** Number of BAR indices; 0 if unknown (info from netlink). */
unsigned int roc_card_info_get_num_bars(const struct roc_card_info *info);
/** Firmware git short hash (CRU BAR2 0x4, C-RORC 0x19C). */
uint32_t roc_card_info_get_fw_hash(const struct roc_card_info *info);
/** Firmware build date as the card encodes it (0 on a C-RORC). */
uint32_t roc_card_info_get_fw_date(const struct roc_card_info *info);
/** Firmware build time as the card encodes it (0 on a C-RORC). */
uint32_t roc_card_info_get_fw_time(const struct roc_card_info *info);
/** Is the endpoint one of the roc_sim simulator? */
bool roc_card_info_is_simulated(const struct roc_card_info *info);
/**
 * Temperature of the card.
 * @param millideg Receives millidegrees Celsius.
 * @return 0, or -ENODATA if the info has no valid reading.
 */
int roc_card_info_get_temperature(const struct roc_card_info *info,
				  int32_t *millideg);
/**
 * Packets the endpoint dropped for lack of a DMA descriptor (CRU).
 * @return 0, or -ENODATA if the info has no such counter.
 */
int roc_card_info_get_dropped_packets(const struct roc_card_info *info,
				      uint64_t *count);

/* ------------------------------------------------------------------------ */
/** @name Enumeration */

struct roc_card_list;

/**
 * List the endpoints present (netlink dev-get dump), in enumeration order
 * (see Card IDs), numbered from 0 (roc_card_info_get_sequence()).
 * @param listp Receives the list, to be freed with roc_card_list_free().
 * @return 0 (also for an empty list); -ENOENT if the roc driver is not
 *	   loaded; -ENOMEM; another -errno of the netlink socket.
 */
int roc_card_list_new(struct roc_card_list **listp);
/** Free a list; NULL is allowed.  Its infos go with it. */
void roc_card_list_free(struct roc_card_list *list);
/** Number of endpoints. */
size_t roc_card_list_count(const struct roc_card_list *list);
/**
 * Endpoint @p index (its sequence number).
 * @return The info, owned by the list; NULL if @p index is out of range.
 */
const struct roc_card_info *roc_card_list_get(const struct roc_card_list *list,
					      size_t index);
/**
 * Find the endpoint a card ID names.
 * @return The info, owned by the list; NULL if none matches, with a
 *	   message in roc_strerror_last().
 */
const struct roc_card_info *roc_card_list_find(const struct roc_card_list *list,
					       const struct roc_card_id *id);

/* ------------------------------------------------------------------------ */
/** @name Open endpoints */

struct roc_card;

/** Flags of roc_card_open(). */
enum roc_open_flags {
	/** Open read-only: register reads and mappings only. */
	ROC_OPEN_READONLY = 1 << 0,
};

/**
 * Open the endpoint a card ID names.  IDs other than a path or "rocN" are
 * resolved by enumeration (netlink) to /dev/rocN.
 * @param card_id A card ID string, see roc_card_id_parse().
 * @param flags ::roc_open_flags.
 * @param cardp Receives the card, to be closed with roc_card_close().
 * @return 0; -EINVAL for a malformed ID or flags; -ENODEV if no endpoint
 *	   matches; -ENOTTY if the path is not a roc device; -EACCES and
 *	   other errors of open(2); -ENOENT if the driver is not loaded.
 */
int roc_card_open(const char *card_id, int flags, struct roc_card **cardp);
/** As roc_card_open(), with a parsed ID. */
int roc_card_open_id(const struct roc_card_id *id, int flags,
		     struct roc_card **cardp);
/** Close an endpoint; NULL is allowed.  Close its BARs first. */
void roc_card_close(struct roc_card *card);
/** File descriptor of the open /dev/rocN, owned by the card. */
int roc_card_get_fd(const struct roc_card *card);
/** Was the card opened read-only? */
bool roc_card_is_readonly(const struct roc_card *card);
/**
 * Identity read with ROC_GET_INFO when the card was opened (with the
 * sequence number when the card was found by enumeration).
 * @return The info, owned by the card.
 */
const struct roc_card_info *roc_card_get_info(const struct roc_card *card);
/**
 * How messages name the card: "roc3 (CRU 0245:1 at 0000:3b:00.0)".
 * @return A string owned by the card.
 */
const char *roc_card_get_label(const struct roc_card *card);

/* ------------------------------------------------------------------------ */
/** @name Register access through a BAR
 *
 * Addresses are byte offsets into the BAR and must be multiples of 4.
 * Reads and writes go through a shared mapping of the BAR when the driver
 * allows one: writable when the caller may write every register of the BAR
 * (protected windows need CAP_SYS_RAWIO), read-only otherwise.  Without a
 * writable mapping, writes go through the ROC_REG_BATCH ioctl, which fails
 * with -EPERM on a protected window.  Read-modify-write always goes through
 * the ioctl, under the driver's register lock.
 *
 * A mapping of a removed device raises SIGBUS on access; use
 * ROC_BAR_IOCTL to get -ENODEV instead.
 */

struct roc_bar;

/** Flags of roc_bar_open(). */
enum roc_bar_flags {
	/** Do not map the BAR: every access is an ioctl. */
	ROC_BAR_IOCTL = 1 << 0,
};

/** How reads and writes reach the registers. */
enum roc_bar_access {
	ROC_BAR_ACCESS_IOCTL = 0,	/**< reads and writes by ioctl */
	ROC_BAR_ACCESS_MMAP_RO = 1,	/**< reads mapped, writes by ioctl */
	ROC_BAR_ACCESS_MMAP_RW = 2,	/**< reads and writes mapped */
};

/**
 * Open BAR @p index of an open endpoint.
 * @param card The endpoint; it must stay open while the BAR is.
 * @param index BAR index (CRU 0 or 2; C-RORC 0-5, one per channel).
 * @param flags ::roc_bar_flags.
 * @param barp Receives the BAR, to be closed with roc_bar_close().
 * @return 0; -ENXIO if the BAR does not exist; -EINVAL for bad flags;
 *	   -ENODEV if the device is gone; -ENOMEM.
 */
int roc_bar_open(struct roc_card *card, unsigned int index, int flags,
		 struct roc_bar **barp);
/** Unmap and free a BAR; NULL is allowed. */
void roc_bar_close(struct roc_bar *bar);
/** BAR index. */
unsigned int roc_bar_get_index(const struct roc_bar *bar);
/** Size of the BAR in bytes. */
uint64_t roc_bar_get_size(const struct roc_bar *bar);
/** How accesses are done, ::roc_bar_access. */
enum roc_bar_access roc_bar_get_access(const struct roc_bar *bar);
/** Number of protected windows of the BAR. */
unsigned int roc_bar_get_num_prot_windows(const struct roc_bar *bar);
/**
 * Protected window @p i: bytes [@p start, @p end) that only CAP_SYS_RAWIO
 * may write.  @return 0 or -EINVAL for a bad @p i.
 */
int roc_bar_get_prot_window(const struct roc_bar *bar, unsigned int i,
			    uint32_t *start, uint32_t *end);
/**
 * Read the register at byte @p address.
 * @return 0; -EINVAL if @p address is not a multiple of 4; -ERANGE if it
 *	   lies beyond the BAR; -ENODEV if the device is gone.
 */
int roc_bar_read(struct roc_bar *bar, uint32_t address, uint32_t *value);
/**
 * Read @p count consecutive registers from byte @p address into @p values.
 * @return As roc_bar_read(); nothing is read if part of the range is bad.
 */
int roc_bar_read_range(struct roc_bar *bar, uint32_t address,
		       uint32_t *values, size_t count);
/**
 * Write the register at byte @p address.
 * @return 0; -EINVAL, -ERANGE as for reads; -EPERM for a protected window
 *	   without CAP_SYS_RAWIO or a card opened read-only; -ENODEV.
 */
int roc_bar_write(struct roc_bar *bar, uint32_t address, uint32_t value);
/**
 * Set the bits of @p mask in the register at byte @p address to those of
 * @p value, atomically with respect to other read-modify-writes.
 * @param old If not NULL, receives the value before.
 * @param now If not NULL, receives the value written.
 * @return As roc_bar_write().
 */
int roc_bar_modify(struct roc_bar *bar, uint32_t address, uint32_t mask,
		   uint32_t value, uint32_t *old, uint32_t *now);

/* ------------------------------------------------------------------------ */
/** @name Register batches
 *
 * Register operations carried out by the driver, in order, in one
 * ROC_REG_BATCH ioctl per 4096 operations.  Within each ioctl every
 * operation is checked before any is done.
 */

struct roc_batch;

/** New empty batch.  @return 0 or -ENOMEM. */
int roc_batch_new(struct roc_batch **batchp);
/** Free a batch; NULL is allowed. */
void roc_batch_free(struct roc_batch *batch);
/** Remove every operation. */
void roc_batch_clear(struct roc_batch *batch);
/** Number of operations. */
size_t roc_batch_count(const struct roc_batch *batch);
/**
 * Append a read of BAR @p bar, byte @p address.
 * @return Index of the operation (>= 0); -EINVAL if @p address is not a
 *	   multiple of 4; -ENOMEM.
 */
int roc_batch_add_read(struct roc_batch *batch, unsigned int bar,
		       uint32_t address);
/** Append a write.  @return As roc_batch_add_read(). */
int roc_batch_add_write(struct roc_batch *batch, unsigned int bar,
			uint32_t address, uint32_t value);
/** Append a read-modify-write of the bits in @p mask.  @return As above. */
int roc_batch_add_modify(struct roc_batch *batch, unsigned int bar,
			 uint32_t address, uint32_t mask, uint32_t value);
/**
 * Carry the batch out on @p card.
 * @return 0 when every operation was done; else -errno of the operation
 *	   at roc_batch_get_done(), as for roc_bar_read()/_write() (-ENXIO
 *	   for a BAR that does not exist).
 */
int roc_batch_run(struct roc_batch *batch, struct roc_card *card);
/** Operations done by the last run (on failure, the index that failed). */
size_t roc_batch_get_done(const struct roc_batch *batch);
/** Value read or written by operation @p i (a modify's new value). */
uint32_t roc_batch_get_value(const struct roc_batch *batch, size_t i);
/** Value before a modify @p i; 0 for other operations. */
uint32_t roc_batch_get_old(const struct roc_batch *batch, size_t i);

/* ------------------------------------------------------------------------ */
/** @name Firmware versions
 *
 * The firmware of an endpoint is known by its git short hash.  A
 * ::roc_fw_list holds, per card type, the accepted ("compatible") hashes
 * with their release tags and some known old ones that are not accepted.
 * The built-in lists are those of ReadoutCard v0.46; local files add
 * accepted entries:
 *  - INI: "hash = tag" lines, in a section [cru] or [crorc], or before any
 *    section for both types;
 *  - JSON: an object {"hash": "tag", ...} for both types, or
 *    {"cru": {...}, "crorc": {...}}.
 * Hashes are hexadecimal, with or without "0x".
 */

/** Default local firmware lists, read if they exist. */
#define ROC_FW_LIST_INI "/etc/roc/fw-list.ini"
#define ROC_FW_LIST_JSON "/etc/roc/fw-list.json"
/** Environment variable naming a list file read instead of the defaults. */
#define ROC_FW_LIST_ENV "ROC_FW_LIST"

struct roc_fw_list;

/** Flags of roc_fw_list_new(). */
enum roc_fw_list_flags {
	/** Only the built-in lists: no local file is read. */
	ROC_FW_LIST_BUILTIN = 1 << 0,
};

/** What a firmware list says of a hash. */
enum roc_fw_status {
	ROC_FW_STATUS_UNKNOWN = 0,	/**< not in the list: not accepted */
	ROC_FW_STATUS_COMPATIBLE,	/**< accepted */
	ROC_FW_STATUS_OLD,		/**< a known old release: not accepted */
};

/**
 * New firmware list: the built-in entries, plus the file named by
 * $ROC_FW_LIST if set, else those of ROC_FW_LIST_INI and ROC_FW_LIST_JSON
 * that exist (unless ::ROC_FW_LIST_BUILTIN).
 * @return 0; -EINVAL for bad flags; an error of roc_fw_list_load().
 */
int roc_fw_list_new(int flags, struct roc_fw_list **listp);
/** Free a list; NULL is allowed. */
void roc_fw_list_free(struct roc_fw_list *list);
/**
 * Add the entries of a file (INI unless its name ends in ".json").
 * @return 0; -ENOENT and other errors of opening it; -EINVAL for a
 *	   malformed file (the message names the file, line or key).
 */
int roc_fw_list_load(struct roc_fw_list *list, const char *path);
/**
 * Add an accepted hash.
 * @param type The card type, or ::ROC_TYPE_UNKNOWN for both.
 * @param tag Release tag or any text shown for it (copied).
 * @return 0 or -ENOMEM.  A known hash gets the new tag and is accepted.
 */
int roc_fw_list_add(struct roc_fw_list *list, enum roc_type type,
		    uint32_t hash, const char *tag);
/**
 * Look a hash up.
 * @param tag If not NULL, receives the tag of a known hash (owned by the
 *	   list), NULL for an unknown one.
 */
enum roc_fw_status roc_fw_list_lookup(const struct roc_fw_list *list,
				      enum roc_type type, uint32_t hash,
				      const char **tag);
/**
 * Version of the firmware as the tools print it: the tag of an accepted
 * hash ("v3.19.4"), "TAG(old)" for a known old one, else the hash in hex.
 * @return @p buf.
 */
char *roc_fw_list_describe(const struct roc_fw_list *list, enum roc_type type,
			   uint32_t hash, char *buf, size_t len);

/** Flags of roc_fw_list_check(). */
enum roc_fw_check_flags {
	/** Report nothing and accept any firmware. */
	ROC_FW_CHECK_BYPASS = 1 << 0,
};

/**
 * Is the firmware of an endpoint accepted?
 * @return 0 if accepted (or bypassed); -EPROTO if not, with a message
 *	   naming the card, its firmware and the accepted versions.
 */
int roc_fw_list_check(const struct roc_fw_list *list,
		      const struct roc_card_info *info, int flags);

/* ------------------------------------------------------------------------ */
/** @name Monitoring endpoints coming and going */

struct roc_monitor;
struct roc_event;

/** Kind of event. */
enum roc_event_type {
	ROC_EVENT_TYPE_ADD = 1,	/**< an endpoint appeared (its /dev/rocN exists) */
	ROC_EVENT_TYPE_DEL,		/**< an endpoint is going away */
};

/**
 * Subscribe to the "monitor" group of the netlink family "roc".
 * @return 0; -ENOENT if the roc driver is not loaded; other -errno.
 */
int roc_monitor_new(struct roc_monitor **monp);
/** Unsubscribe and free; NULL is allowed. */
void roc_monitor_free(struct roc_monitor *mon);
/** File descriptor to poll(2) for POLLIN, owned by the monitor. */
int roc_monitor_get_fd(const struct roc_monitor *mon);
/**
 * Read the next event.
 * @param timeout_ms Wait at most this long: 0 do not wait, -1 forever.
 * @param evp Receives the event, to be freed with roc_event_free().
 * @return 0; -EAGAIN if none came in time; -EINTR if a signal interrupted
 *	   the wait; -ENOBUFS if events were lost (the socket overran: list
 *	   the cards again); other -errno.
 */
int roc_monitor_read_event(struct roc_monitor *mon, int timeout_ms,
			   struct roc_event **evp);
/** Free an event; NULL is allowed. */
void roc_event_free(struct roc_event *ev);
/** Kind of event. */
enum roc_event_type roc_event_get_type(const struct roc_event *ev);
/** "add" or "del"; a static string. */
const char *roc_event_type_name(enum roc_event_type type);
/** When the library received the event, CLOCK_REALTIME nanoseconds. */
uint64_t roc_event_get_timestamp_ns(const struct roc_event *ev);
/** Identity of the endpoint, owned by the event. */
const struct roc_card_info *roc_event_get_card_info(const struct roc_event *ev);

/* ======================================================================== */
/*                                   DMA                                    */
/* ======================================================================== */

/* ------------------------------------------------------------------------ */
/** @name DMA channels
 *
 * A CRU endpoint has one DMA channel (0), a C-RORC six (0-5).  Opening a
 * channel acquires it for the process; closing it (or dying) stops DMA and
 * releases every buffer and superpage.  Superpages are pieces of a
 * registered buffer; they are pushed to the card, and popped once the card
 * filled them.
 * @{
 */

struct roc_channel;

/** Where the data of a DMA run comes from (same values as the kernel's). */
enum roc_dma_source {
	ROC_DMA_SOURCE_INTERNAL = 0,	/**< the card's internal generator */
	ROC_DMA_SOURCE_DDG = 1,	/**< CRU detector data generator (RDH pages) */
	ROC_DMA_SOURCE_FEE = 2,	/**< front-end electronics over the links */
	ROC_DMA_SOURCE_DIU = 3,	/**< C-RORC: generator looped back in the DIU */
	ROC_DMA_SOURCE_SIU = 4,	/**< C-RORC: generator looped back in the SIU */
};

/** "internal", "ddg", "fee", "diu", "siu"; NULL for an unknown value. */
const char *roc_source_name(enum roc_dma_source source);
/** Parse a name of roc_source_name() (any case).  @return 0 or -EINVAL. */
int roc_source_parse(const char *str, enum roc_dma_source *sourcep);

/** State of a channel (same values as the kernel's). */
enum roc_ch_state {
	ROC_CH_STATE_FREE = 0,	/**< nobody holds it */
	ROC_CH_STATE_STOPPED = 1,	/**< held, DMA stopped */
	ROC_CH_STATE_RUNNING = 2,	/**< held, DMA running */
	ROC_CH_STATE_FAILED = 3,	/**< the card broke the protocol: stop it */
	ROC_CH_STATE_GONE = 4,	/**< the device was removed */
};

/** A superpage to push: a piece of a registered buffer (fixed layout). */
struct roc_sp_desc {
	uint32_t buffer_id;	/**< from roc_buffer_register() */
	uint32_t reserved;	/**< must be 0 (-EINVAL otherwise) */
	uint64_t offset;	/**< in the buffer, a multiple of 4 KiB */
	uint64_t size;		/**< a multiple of 32 KiB below 16 MiB */
	uint64_t cookie;	/**< anything: returned with the superpage */
};

/** Flags of a popped superpage. */
enum roc_sp_flags {
	ROC_SP_DONE = 1 << 0,	 /**< the card finished with it */
	ROC_SP_PARTIAL = 1 << 1, /**< received < size */
	ROC_SP_ERROR = 1 << 2,	 /**< the card reported an error */
};

/** A superpage the card returned (fixed layout). */
struct roc_sp_ready {
	uint64_t cookie;	/**< as pushed */
	uint64_t offset;	/**< its offset in its buffer */
	uint32_t size;		/**< its size */
	uint32_t received;	/**< bytes the card wrote */
	uint32_t buffer_id;	/**< its buffer */
	uint32_t link;		/**< CRU link that filled it; C-RORC channel */
	uint32_t flags;		/**< ::roc_sp_flags; 0: returned unfilled by stop */
	uint32_t reserved;	/**< 0 */
};

/**
 * Queues and counters of a channel.  Set size before the call
 * (ROC_STRUCT_INIT()); see the introduction.
 */
struct roc_channel_stats {
	uint32_t size;			/**< in: sizeof; out: bytes filled */
	enum roc_ch_state state;
	enum roc_dma_source source;		/**< of the current or last run */
	uint32_t links;			/**< bit mask of the links in use */
	uint32_t link_depth;		/**< descriptors the card holds per link */
	uint32_t transfer_capacity;	/**< superpages that can be in flight */
	uint32_t transfer_queued;	/**< superpages in flight */
	uint32_t ready_count;		/**< superpages waiting to be popped */
	/** What can be pushed now: capacity - queued - ready (>= 0). */
	uint32_t transfer_available;
	uint32_t nr_buffers;		/**< buffers registered */
	uint64_t pushed;		/**< superpages pushed since open */
	uint64_t completed;		/**< superpages the card finished */
	uint64_t bytes;			/**< bytes the card wrote */
	uint64_t fifo_empty;		/**< CRU: link descriptor FIFO ran empty */
	uint64_t dropped_packets;	/**< CRU: packets the endpoint dropped */
};

/**
 * Acquire DMA channel @p channel of an endpoint opened read-write.
 * @return 0; -EBUSY if another process holds it (the message names it by
 *	   pid and command), -EINVAL for a bad channel, -EPERM on a read-only
 *	   card, other -errno.
 */
int roc_channel_open(struct roc_card *card, unsigned int channel,
		     struct roc_channel **chp);
/** Release the channel: stops DMA, frees its buffers.  NULL is allowed. */
void roc_channel_close(struct roc_channel *ch);
/** File descriptor of the channel, to poll(2) for POLLIN/POLLOUT. */
int roc_channel_get_fd(const struct roc_channel *ch);
/** Channel number. */
unsigned int roc_channel_get_number(const struct roc_channel *ch);
/** The card the channel belongs to. */
struct roc_card *roc_channel_get_card(const struct roc_channel *ch);
/**
 * Start DMA from @p source (resets the channel first).
 * @return 0; -EALREADY if running, -EBUSY if superpages wait to be popped,
 *	   -EOPNOTSUPP for a source the card lacks, -ENOLINK (CRU without
 *	   enabled link), other -errno.
 */
int roc_channel_start(struct roc_channel *ch, enum roc_dma_source source);
/** Stop DMA; every superpage in flight goes to the ready queue once. */
int roc_channel_stop(struct roc_channel *ch);
/** Reset the card's DMA engine of a stopped channel.  -EBUSY if not stopped. */
int roc_channel_reset(struct roc_channel *ch);
/**
 * Push @p n superpages in order.
 * @param done Receives how many were pushed (may be NULL).
 * @return 0 when all were; else -errno of entry *@p done: -ENOSPC queue
 *	   full, -EPIPE DMA not running, -EXDEV spans two bus segments,
 *	   -ERANGE, -EMSGSIZE, -EINVAL (also a non-zero reserved field),
 *	   -EADDRINUSE, -ENOENT (see roc.h).
 */
int roc_channel_push(struct roc_channel *ch, const struct roc_sp_desc *sps,
		     size_t n, size_t *done);
/** Push one superpage.  @return As roc_channel_push(). */
int roc_channel_push_one(struct roc_channel *ch, uint32_t buffer_id,
			 uint64_t offset, uint64_t size, uint64_t cookie);
/**
 * Pop up to @p max finished superpages; never blocks.
 * @return the number popped (0 if none), or -errno.
 */
int roc_channel_pop(struct roc_channel *ch, struct roc_sp_ready *out,
		    size_t max);
/** Pop one superpage.  @return 1, 0 if none ready, or -errno. */
int roc_channel_pop_one(struct roc_channel *ch, struct roc_sp_ready *out);
/**
 * Wait until a superpage is ready to pop.
 * @param timeout_ms 0 do not wait, -1 forever.
 * @return 1 if one is ready, 0 on timeout, -EINTR on a signal, -ENODEV
 *	   once the device is gone, -EIO once the channel failed (the card
 *	   broke the protocol, a C-RORC's DDL link went down: what was done
 *	   can still be popped; roc_channel_get_stats() says
 *	   ROC_CH_STATE_FAILED), other -errno.
 */
int roc_channel_wait(struct roc_channel *ch, int timeout_ms);
/**
 * Queues and counters (ROC_CHANNEL_STATUS).
 * @param stats Its size set by the caller (ROC_STRUCT_INIT()).
 * @return 0; -EINVAL for a size below the first version's; other -errno.
 */
int roc_channel_get_stats(struct roc_channel *ch,
			  struct roc_channel_stats *stats);
/** Superpages waiting in the ready queue; or -errno. */
int roc_channel_get_ready_count(struct roc_channel *ch);
/** Superpages that can be pushed now (capacity - queued - ready); or -errno. */
int roc_channel_get_transfer_available(struct roc_channel *ch);

/*
 * Push and ready rings (issue 14).  A channel uses the kernel's rings
 * (ROC_RING_SETUP) when it has them, else ROC_PUSH/ROC_POP; the functions
 * above work the same on both paths.  On the rings, a push hands its
 * entries over with at most one system call and a pop needs none while
 * superpages are ready.  Without the ring thread a refused superpage fails
 * its push as with ROC_PUSH, but the entries after it in the same call may
 * have been pushed (they come back by pop), and *done counts the entries
 * before it.  With the thread (ROC_CHANNEL_OPEN_RING_THREAD, or the
 * environment's ROC_RING_THREAD=1) pushes are asynchronous: a refused
 * superpage comes back in order, and the pop that reaches it fails with
 * its -errno and a message naming its cookie (roc_channel_get_refused()).
 * ROC_NO_RINGS=1 in the environment forces the ioctl path.
 */

/** Flags of roc_channel_open_flags(). */
enum roc_channel_open_flag {
	ROC_CHANNEL_OPEN_IOCTL = 1 << 0,	/**< ROC_PUSH/ROC_POP, not the rings */
	ROC_CHANNEL_OPEN_RING_THREAD = 1 << 1,	/**< a kernel thread moves the rings */
};

/** roc_channel_open() with ::roc_channel_open_flag flags (-EINVAL: unknown). */
int roc_channel_open_flags(struct roc_card *card, unsigned int channel,
			   unsigned int flags, struct roc_channel **chp);
/** The control path of the channel: "rings" or "ioctl". */
const char *roc_channel_get_path(const struct roc_channel *ch);
/** Whether a kernel thread moves the channel's rings. */
bool roc_channel_get_ring_thread(const struct roc_channel *ch);
/**
 * The last superpage the kernel refused on the rings, reported by a pop.
 * @return its -errno and the superpage in *@p sp; 0 if none was refused.
 */
int roc_channel_get_refused(const struct roc_channel *ch,
			    struct roc_sp_desc *sp);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name DMA buffers
 *
 * Memory for superpages: a memfd of 1 GiB hugepages when the size is a
 * multiple of 1 GiB, else of 2 MiB hugepages, bound to a NUMA node and
 * populated.  No hugetlbfs mount is needed.  The buffer keeps its memfd
 * open (one file descriptor each, close-on-exec): registration pins the
 * memfd's folios (ROC_BUFFER_REG_MEMFD, kernels from 6.11) and falls back
 * to the mapping's address on older kernels.
 * @{
 */

struct roc_buffer;

/** Flags of roc_buffer_alloc(). */
enum roc_buffer_flags {
	/** Without enough hugepages, use normal pages (the card may then
	 *  need an IOMMU for superpages above 4 KiB). */
	ROC_BUFFER_ALLOW_SMALL_PAGES = 1 << 0,
};

/**
 * What ROC_BUFFER_REGISTER reported.  Set size before the call
 * (ROC_STRUCT_INIT()); see the introduction.
 */
struct roc_buffer_segments {
	uint32_t size;		/**< in: sizeof; out: bytes filled */
	uint32_t nr_segments;	/**< bus-contiguous segments */
	uint64_t max_segment;	/**< largest segment: largest superpage */
	int32_t numa_node;	/**< node of the endpoint, -1 if none */
	uint32_t reserved;	/**< 0 */
};

/**
 * Allocate @p size bytes (a multiple of 2 MiB, or of 4 KiB with
 * ::ROC_BUFFER_ALLOW_SMALL_PAGES) on NUMA node @p numa_node (-1: any).
 * @return 0; -ENOMEM if there are not enough hugepages (the message says
 *	   how many of which size), -EINVAL for a bad size, other -errno.
 */
int roc_buffer_alloc(size_t size, int numa_node, int flags,
		     struct roc_buffer **bufp);
/** Unmap and free; NULL is allowed.  Unregister it first (or close the
 *  channel). */
void roc_buffer_free(struct roc_buffer *buf);
/** Start of the memory. */
void *roc_buffer_get_addr(const struct roc_buffer *buf);
/** Size in bytes. */
size_t roc_buffer_get_size(const struct roc_buffer *buf);
/** Page size backing it: 1 GiB, 2 MiB or the normal page size. */
size_t roc_buffer_get_page_size(const struct roc_buffer *buf);
/** NUMA node it was bound to; -1 if not bound. */
int roc_buffer_get_numa_node(const struct roc_buffer *buf);
/**
 * Register the buffer for DMA on a channel (pins it).
 * @param idp Receives the buffer id for ::roc_sp_desc.
 * @param seg Receives the segment layout (may be NULL); its size set by
 *	  the caller (ROC_STRUCT_INIT()).
 * @return 0; -EINVAL for a @p seg size below the first version's (nothing
 *	   registered); -ENOMEM (RLIMIT_MEMLOCK), -ENOSPC (too many buffers),
 *	   -errno.
 */
int roc_buffer_register(struct roc_channel *ch, const struct roc_buffer *buf,
			uint32_t *idp, struct roc_buffer_segments *seg);
/** Unregister buffer @p id.  @return 0; -EBUSY while superpages are out. */
int roc_buffer_unregister(struct roc_channel *ch, uint32_t id);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Data checker
 *
 * Checks the data patterns of the cards' generators (docs/hardware.md 12.2):
 * per-link state, one error per bad 8 KiB page (or bad RDH field), the
 * counters resync from the bad page so one flipped word is one error.
 * @{
 */

struct roc_checker;

/** Data format. */
enum roc_check_format {
	/** CRU internal generator: each 32-byte word holds eight copies of a
	 *  counter, +1 per word, continuing across superpages per link. */
	ROC_CHECK_FORMAT_CRU_INTERNAL = 0,
	/** CRU DDG: 8 KiB pages of RDH v7 + groups [c, c, c & 0xffff, 0]. */
	ROC_CHECK_FORMAT_DDG = 1,
	/** C-RORC: 8 KiB pages of RDH v7 + a 32-bit counter +1 per word. */
	ROC_CHECK_FORMAT_CRORC = 2,
};

/** How much is checked. */
enum roc_check_mode {
	ROC_CHECK_MODE_FULL = 0,	/**< headers and every payload word */
	ROC_CHECK_MODE_FAST = 1,	/**< RDH only (internal: first word of a page) */
	ROC_CHECK_MODE_OFF = 2,	/**< nothing */
};

/** Size of a DMA page of the checked formats. */
#define ROC_CHECK_PAGE_SIZE 8192
/** Most links a checker follows (link numbers 0..31). */
#define ROC_CHECK_MAX_LINKS 32

/** One recorded error, owned by the checker. */
struct roc_check_error {
	uint32_t size;		/**< libroc's sizeof, see ROC_HAS_FIELD() */
	uint32_t link;
	uint64_t tag;		/**< as given to roc_checker_check() */
	uint64_t offset;	/**< byte offset in the checked data */
	uint32_t expected;
	uint32_t got;
	const char *what;	/**< "counter", "RDH link", ...: static */
};

/**
 * New checker.
 * @param max_record Errors recorded in detail (the rest only counted).
 * @return 0, -EINVAL, -ENOMEM.
 */
int roc_checker_new(enum roc_check_format format, enum roc_check_mode mode,
		    size_t max_record, struct roc_checker **chkp);
/** Free; NULL is allowed. */
void roc_checker_free(struct roc_checker *chk);
/** Forget the per-link counters (next data re-anchors) and the errors. */
void roc_checker_reset(struct roc_checker *chk);
/**
 * Check @p bytes of data of link @p link, continuing that link's counters.
 * Trailing bytes short of a page (RDH formats) or a 32-byte word are
 * ignored.  @p tag goes into the recorded errors (e.g. a superpage number).
 * @return errors found in this data (>= 0), or -EINVAL for a bad link.
 */
int roc_checker_check(struct roc_checker *chk, unsigned int link,
		      const void *data, size_t bytes, uint64_t tag);
/** Errors counted so far. */
uint64_t roc_checker_get_errors(const struct roc_checker *chk);
/** Bytes checked so far. */
uint64_t roc_checker_get_bytes(const struct roc_checker *chk);
/** Number of errors recorded in detail. */
size_t roc_checker_get_num_recorded(const struct roc_checker *chk);
/** Recorded error @p i; NULL if out of range. */
const struct roc_check_error *roc_checker_get_error(const struct roc_checker *chk,
						   size_t i);
/** "cru-internal", "ddg", "crorc". */
const char *roc_check_format_name(enum roc_check_format format);

/** @} */

/* ======================================================================== */
/*                              Configuration                               */
/* ======================================================================== */

/* ------------------------------------------------------------------------ */
/** @name Link masks
 * @{
 */

/**
 * Parse a list of links: "all", or comma-separated numbers and ranges
 * "a-b" ("0-11", "0,2,4-6"); blanks around items are allowed.
 * @param max_link Highest link accepted ("all" = 0..@p max_link), <= 31.
 * @param maskp Receives bit n set for link n.
 * @return 0; -EINVAL for a malformed list or a link above @p max_link
 *	   (the message names the item and the accepted range).
 */
int roc_link_mask_parse(const char *str, unsigned int max_link,
			uint32_t *maskp);
/**
 * Format a mask as the shortest list of numbers and ranges: "0-3,5";
 * "" for 0.  @return @p buf (truncated to @p len).
 */
char *roc_link_mask_format(uint32_t mask, char *buf, size_t len);

/** @} */

/* ------------------------------------------------------------------------ */
/** @name Card configuration (the CardConfigurator role)
 *
 * A ::roc_config holds settings of docs/hardware.md 10.1, each either set to a
 * value or left unset.  Applying a configuration to an endpoint writes the
 * registers of the settings that are set and differ from the card's state
 * (all set ones with ::ROC_CONFIG_APPLY_FORCE); settings that are unset are not
 * touched.  A CRU endpoint takes the [cru] and link settings, a C-RORC the
 * [crorc] ones; the others are ignored, so that one file can serve both.
 *
 * INI files (inih) have the sections and keys of 10.1:
 *  - [cru]: allowRejection, clock (ttc|local), cruId (hex, 12 bits),
 *    datapathMode (packet|streaming), loopback, gbtMode (GBT|WB),
 *    downstreamData (CTP|PATTERN|MIDTRG), ponUpstream, onuAddress,
 *    dynamicOffset, triggerWindowSize (0-65535), gbtEnabled,
 *    userLogicEnabled, runStatsEnabled, userAndCommonLogicEnabled,
 *    systemId (hex, 8 bits), timeFrameLength (1-4095), dropBadRdhEnabled;
 *  - [links]: enabled, gbtMux (TTC|DDG|SWT|TTCUP|UL), feeId (hex,
 *    16 bits), for links 0-11;
 *  - [linkN], N = 0..11: the keys of [links] for link N; also
 *    datapathMode, gbtMode, loopback and systemId, which [cru] sets for
 *    every link;
 *  - [crorc]: dynamicOffset, timeFrameLength (0-256), crorcId (hex,
 *    12 bits), timeFrameDetectionEnabled.
 * A section need not list every key: keys left out stay unset.  Booleans
 * are true/false (also 1/0, yes/no, on/off); names are case-insensitive;
 * hex values take an optional "0x"; numbers are decimal or "0x" hex.  An
 * unknown section or key, or a bad value, is an error naming the file,
 * the line, the key and the accepted values.
 *
 * Registers (docs/hardware.md 2.2-2.4, 4.1): CRU BAR2 TTC_DATA (clock 1:0, with
 * LOCK_CLOCK_TO_REF written 0; downstream data 17:16), BSP_USER_CONTROL
 * 27:16 (CRU ID, by read-modify-write: bit 0 stays), GBT_MUX_SELECT,
 * VIRTUAL_LINKS_IDS, the datapath wrapper (link, user-logic and
 * run-statistics enables, user+common logic, dynamic offset, trigger
 * window, drop bad RDH, flow control, per-link control and IDs), the GBT
 * link TX/RX control and source select; CRU BAR0 0xC00 bits 31:20 (time
 * frame length).  C-RORC BAR0 CFG_CONTROL, CFG_CONTROL_B (bit 16, the
 * self-clearing flush command, is always written 0: never triggered)
 * and I2C_CMD (laser on, written whenever the C-RORC is configured).
 * ponUpstream and onuAddress have no register known to roc: they are
 * checked, and reported as not programmed; gbtEnabled false leaves the
 * GBT settings (gbtMux, gbtMode, loopback) alone.
 * @{
 */

struct roc_config;

/** Links 0-11 of an endpoint that a configuration describes. */
#define ROC_CONFIG_LINKS 12

/**
 * The settings, in the order they are applied.  "link" settings exist
 * once per link; the [cru] ones marked so also set every link.
 */
enum roc_config_key {
	/* [cru] */
	ROC_CONFIG_KEY_CLOCK = 0,		/**< clock: ::roc_clock */
	ROC_CONFIG_KEY_DOWNSTREAM_DATA,	/**< downstreamData: ::roc_downstream */
	ROC_CONFIG_KEY_PON_UPSTREAM,		/**< ponUpstream: bool, not programmed */
	ROC_CONFIG_KEY_ONU_ADDRESS,		/**< onuAddress: 0-255, not programmed */
	ROC_CONFIG_KEY_GBT_ENABLED,		/**< gbtEnabled: bool, no register */
	ROC_CONFIG_KEY_LINK_GBT_MUX,		/**< link gbtMux: ::roc_gbt_mux */
	ROC_CONFIG_KEY_GBT_MODE,		/**< gbtMode, also per link: ::roc_gbt_mode */
	ROC_CONFIG_KEY_LOOPBACK,		/**< loopback, also per link: bool */
	ROC_CONFIG_KEY_LINK_ENABLED,		/**< link enabled: bool */
	ROC_CONFIG_KEY_DATAPATH_MODE,		/**< datapathMode, also per link */
	ROC_CONFIG_KEY_ALLOW_REJECTION,	/**< allowRejection: bool */
	ROC_CONFIG_KEY_LINK_FEE_ID,		/**< link feeId: 16 bits */
	ROC_CONFIG_KEY_SYSTEM_ID,		/**< systemId, also per link: 8 bits */
	ROC_CONFIG_KEY_USER_LOGIC,		/**< userLogicEnabled: bool */
	ROC_CONFIG_KEY_RUN_STATS,		/**< runStatsEnabled: bool */
	ROC_CONFIG_KEY_USER_AND_COMMON_LOGIC,	/**< userAndCommonLogicEnabled: bool */
	ROC_CONFIG_KEY_CRU_ID,			/**< cruId: 12 bits */
	ROC_CONFIG_KEY_TRIGGER_WINDOW_SIZE,	/**< triggerWindowSize: 0-65535 */
	ROC_CONFIG_KEY_DYNAMIC_OFFSET,		/**< dynamicOffset: bool */
	ROC_CONFIG_KEY_TIME_FRAME_LENGTH,	/**< timeFrameLength: 1-4095 orbits */
	ROC_CONFIG_KEY_DROP_BAD_RDH,		/**< dropBadRdhEnabled: bool */
	/* [crorc] */
	ROC_CONFIG_KEY_CRORC_DYNAMIC_OFFSET,	/**< dynamicOffset: bool */
	ROC_CONFIG_KEY_CRORC_ID,		/**< crorcId: 12 bits */
	ROC_CONFIG_KEY_CRORC_TIME_FRAME_LENGTH, /**< timeFrameLength: 0-256 */
	ROC_CONFIG_KEY_CRORC_TF_DETECTION,	/**< timeFrameDetectionEnabled: bool */
	ROC_CONFIG_KEY_COUNT
};

/*
 * Values of the card's settings, shared by the configuration (the values
 * of roc_config_set_value() and roc_config_get_value()) and the status
 * (roc_status_get(), struct roc_link_status).
 */

/** Clock (CRU TTC_DATA bits 1:0): config "clock", ::ROC_STATUS_FIELD_CLOCK. */
enum roc_clock {
	ROC_CLOCK_TTC = 0,
	ROC_CLOCK_LOCAL = 2,
};
/** Downstream data (CRU TTC_DATA bits 17:16): "downstreamData". */
enum roc_downstream {
	ROC_DOWNSTREAM_CTP = 0,
	ROC_DOWNSTREAM_PATTERN = 1,
	ROC_DOWNSTREAM_MIDTRG = 2,
};
/** Datapath mode (CRU per-link control bit 31): "datapathMode". */
enum roc_datapath {
	ROC_DATAPATH_STREAMING = 0,
	ROC_DATAPATH_PACKET = 1,
};
/** GBT mode (CRU GBT TX/RX control bit 8): "gbtMode". */
enum roc_gbt_mode {
	ROC_GBT_MODE_GBT = 0,
	ROC_GBT_MODE_WB = 1,
};
/** GBT mux (the CRU GBT_MUX_SELECT nibble of a link): "gbtMux". */
enum roc_gbt_mux {
	ROC_GBT_MUX_TTC = 0,
	ROC_GBT_MUX_DDG = 1,
	ROC_GBT_MUX_SWT = 2,
	ROC_GBT_MUX_TTCUP = 3,
	ROC_GBT_MUX_UL = 4,
};

/** Flags of roc_config_new(). */
enum roc_config_new_flags {
	/** Set every setting to its default (the o2-roc-config defaults:
	 *  local clock, packet mode, CTP, GBT mode, TTC mux, link 0 only
	 *  enabled, trigger window 1000, time frame length 256, time frame
	 *  detection on, GBT enabled, everything else off or 0). */
	ROC_CONFIG_NEW_DEFAULTS = 1 << 0,
};

/** New configuration, every setting unset (or defaults).  @return 0,
 *  -EINVAL for bad flags, -ENOMEM. */
int roc_config_new(int flags, struct roc_config **cfgp);
/** Free a configuration; NULL is allowed. */
void roc_config_free(struct roc_config *cfg);
/** Copy a configuration.  @return 0 or -ENOMEM. */
int roc_config_dup(const struct roc_config *cfg, struct roc_config **copyp);

/**
 * Add the settings of an INI file to @p cfg (later ones win).
 * @param uri "ini:///path", "ini://path" or a plain path.
 * @return 0; -ENOENT and other errors of opening it; -EINVAL for a bad
 *	   file ("FILE:LINE: [section] key: problem (accepted: ...)");
 *	   -EPROTONOSUPPORT for another URI scheme (json://, consul://).
 */
int roc_config_load(struct roc_config *cfg, const char *uri);
/**
 * Set one setting from text, as an INI line would.
 * @param section "cru", "links", "linkN" or "crorc".
 * @return 0; -EINVAL for an unknown section or key, or a bad value (the
 *	   message names the key and the accepted values).
 */
int roc_config_set(struct roc_config *cfg, const char *section,
		   const char *key, const char *value);
/**
 * Set a setting to a number (the encodings of the enums above).
 * @param link -1 for the card-wide value ([cru], [crorc], or [links] for
 *	   a link setting), 0-11 for one link (link settings and the [cru]
 *	   settings that also exist per link).
 * @return 0; -EINVAL for a bad key, link or value.
 */
int roc_config_set_value(struct roc_config *cfg, enum roc_config_key key,
			 int link, uint32_t value);
/** Unset a setting (as roc_config_set_value() names it). */
void roc_config_unset(struct roc_config *cfg, enum roc_config_key key,
		      int link);
/**
 * Value of a setting.  For @p link 0-11, the value in effect for that
 * link: its own, else that of [links], else that of [cru].
 * @return 0; -ENODATA if unset; -EINVAL for a bad key or link.
 */
int roc_config_get_value(const struct roc_config *cfg,
			 enum roc_config_key key, int link, uint32_t *value);
/** Is the setting a per-link one (can take @p link 0-11)? */
bool roc_config_key_is_per_link(enum roc_config_key key);
/** INI key name: "clock", "gbtMux", ...; NULL for a bad key. */
const char *roc_config_key_name(enum roc_config_key key);
/** Section of a card-wide key: "cru", "links" or "crorc". */
const char *roc_config_key_section(enum roc_config_key key);
/**
 * A value as the INI file writes it: "ttc", "true", "0x1f", "1000".
 * @return @p buf.
 */
char *roc_config_format_value(enum roc_config_key key, uint32_t value,
			      char *buf, size_t len);

/**
 * Write the settings that are set as an INI file: [cru], [links] and
 * [linkN] for links that differ, [crorc].  Applying the file to the card
 * whose state @p cfg is (roc_config_read()) changes nothing.
 * @param path A file to create or truncate; "-" for standard output.
 * @return 0 or -errno of writing it.
 */
int roc_config_write_file(const struct roc_config *cfg, const char *path);

/**
 * Read the configuration an endpoint is in: every setting with a
 * register, as decoded from one batch of register reads.  Settings whose
 * registers hold values outside the accepted ones stay unset (and so
 * does everything without a register).
 * @param cfgp Receives the state, to be freed with roc_config_free().
 * @return 0; -EOPNOTSUPP for an unknown card type; errors of
 *	   roc_batch_run(); -ENOMEM.
 */
int roc_config_read(struct roc_card *card, struct roc_config **cfgp);

/** Flags of roc_config_apply() and roc_config_diff(). */
enum roc_config_apply_flags {
	/** Write every setting that is set, even if the card has it, and
	 *  configure even while DMA runs. */
	ROC_CONFIG_APPLY_FORCE = 1 << 0,
	/** Work out and report the changes; write nothing. */
	ROC_CONFIG_APPLY_DRY_RUN = 1 << 1,
};

/** Flags of a ::roc_config_change. */
enum roc_config_change_flags {
	/** The card already had the value: written because of FORCE. */
	ROC_CONFIG_CHANGE_FORCED = 1 << 0,
	/** No register is known for it: roc checked it, wrote nothing. */
	ROC_CONFIG_CHANGE_NOT_PROGRAMMED = 1 << 1,
};

/**
 * One setting that an apply changes (or a diff finds different), an
 * element of an array that libroc allocates: reach element i with
 * roc_config_change_at().
 */
struct roc_config_change {
	uint32_t size;		/**< libroc's sizeof: the array's stride */
	enum roc_config_key key;
	int link;		/**< 0-11, or -1 for a card-wide setting */
	uint32_t flags;		/**< ::roc_config_change_flags */
	uint32_t old_value;	/**< valid if has_old */
	uint32_t new_value;
	bool has_old;		/**< false: the card's value is unknown */
	/** "cru.clock", "link3.gbtMux", "crorc.crorcId" */
	char setting[32];
	char old_text[24];	/**< roc_config_format_value(), or "?" */
	char new_text[24];
};

/** Element @p i of an array of changes (steps by the library's size). */
static inline const struct roc_config_change *
roc_config_change_at(const struct roc_config_change *changes, size_t i)
{
	return (const struct roc_config_change *)(const void *)
		((const char *)changes + i * changes->size);
}

/**
 * Settings set in @p want that differ from @p cur (a card's state), for
 * a card of type @p type: changes in apply order.  With ::ROC_CONFIG_APPLY_FORCE
 * every setting set in @p want is listed, FORCED if equal.
 * @param changes Receives the array (free() it), NULL when @p count is 0.
 * @return 0 or -ENOMEM.
 */
int roc_config_diff(const struct roc_config *cur,
		    const struct roc_config *want, enum roc_type type,
		    int flags, struct roc_config_change **changes,
		    size_t *count);
/**
 * Configure an endpoint: read its state, work out the changes
 * (roc_config_diff()) and write their registers in one register batch.
 * @param flags ::roc_config_apply_flags.
 * @param changes If not NULL, receives the changes (free() it).
 * @param count Receives the number of changes (may be NULL).
 * @return 0; -EBUSY if DMA runs on the endpoint (BSP_USER_CONTROL bit 0
 *	   on a CRU, or a running channel) without ::ROC_CONFIG_APPLY_FORCE;
 *	   -EPERM on a card opened read-only; errors of roc_batch_run().
 */
int roc_config_apply(struct roc_card *card, const struct roc_config *cfg,
		     int flags, struct roc_config_change **changes,
		     size_t *count);
/*                                 Status                                   */
/* ======================================================================== */

/* ------------------------------------------------------------------------ */
/** @name Card status
 *
 * A snapshot of the configuration and status registers of one endpoint
 * (docs/hardware.md 2.2-2.4 for the CRU, 4.1 for the C-RORC), as roc-status,
 * roc-metrics and roc-pkt-monitor show them.  Reading a CRU link whose
 * sticky "was down" bits are clear clears them (a write of 0 to the link's
 * register +0x38, 2.4) to tell "UP (was DOWN)" from DOWN, unless the card
 * is read-only or ::ROC_STATUS_NO_CLEAR is given; then a link whose status
 * bits say up is reported "UP (was DOWN)" without clearing anything.
 * @{
 */

struct roc_status;

/** State of a link. */
enum roc_link_state {
	ROC_LINK_STATE_DOWN = 0,		/**< down now */
	ROC_LINK_STATE_UP = 1,		/**< up, and was not down since last read */
	ROC_LINK_STATE_UP_WAS_DOWN = 2,	/**< up, but was down since last read */
};

/** Flags of roc_status_read(). */
enum roc_status_flags {
	/** Do not clear the CRU links' sticky bits (no register write). */
	ROC_STATUS_NO_CLEAR = 1 << 0,
};

/**
 * Card-wide values of a snapshot, for roc_status_get().  Each applies to
 * one card type (CRU or C-RORC) or both.
 */
enum roc_status_field {
	ROC_STATUS_FIELD_CRU_ID,		/**< CRU: CRU ID (BSP_USER_CONTROL 27:16) */
	ROC_STATUS_FIELD_CLOCK,		/**< CRU: ::roc_clock */
	ROC_STATUS_FIELD_DOWNSTREAM,	/**< CRU: ::roc_downstream */
	ROC_STATUS_FIELD_DYNAMIC_OFFSET,	/**< both: 1 dynamic RDH offset, 0 fixed */
	ROC_STATUS_FIELD_USER_LOGIC,		/**< CRU: user-logic link 15 enabled */
	ROC_STATUS_FIELD_RUN_STATS,		/**< CRU: run-statistics link enabled */
	ROC_STATUS_FIELD_UL_AND_CL,		/**< CRU: user and common logic */
	ROC_STATUS_FIELD_DROP_BAD_RDH,	/**< CRU: packets with a bad RDH dropped */
	ROC_STATUS_FIELD_DATA_TAKING,		/**< CRU: BSP_USER_CONTROL bit 0 ("DMA") */
	ROC_STATUS_FIELD_ALLOW_REJECTION,	/**< CRU: flow control allows rejection */
	ROC_STATUS_FIELD_TRIGGER_WINDOW,	/**< CRU: trigger window, GBT words */
	ROC_STATUS_FIELD_SYSTEM_ID,		/**< CRU: VIRTUAL_LINKS_IDS 23:16 */
	ROC_STATUS_FIELD_CTP_CLOCK_HZ,	/**< CRU: measured CTP clock, Hz */
	ROC_STATUS_FIELD_LOCAL_CLOCK_HZ,	/**< CRU: measured local clock, Hz */
	ROC_STATUS_FIELD_TEMPERATURE_MDEG,	/**< CRU: millidegrees Celsius */
	ROC_STATUS_FIELD_DROPPED_PACKETS,	/**< CRU: endpoint's dropped packets */
	ROC_STATUS_FIELD_TOTAL_PACKETS,	/**< CRU: packets through the datapath */
	ROC_STATUS_FIELD_PACKETS_PER_SECOND,	/**< CRU: total packets per second */
	ROC_STATUS_FIELD_CRORC_ID,		/**< C-RORC: CFG_CONTROL 15:4 */
	ROC_STATUS_FIELD_QSFP,		/**< C-RORC: lasers on (LINK_STATUS 31) */
	ROC_STATUS_FIELD_TF_DETECTION,	/**< C-RORC: time-frame detection */
	ROC_STATUS_FIELD_TF_LENGTH,		/**< C-RORC: time-frame length, orbits */
	ROC_STATUS_FIELD_COUNT
};

/**
 * Status of one link (CRU user link 0-11, C-RORC channel 0-5), owned by
 * its snapshot.
 */
struct roc_link_status {
	uint32_t size;			/**< libroc's sizeof, see ROC_HAS_FIELD() */
	unsigned int id;		/**< link number */
	enum roc_link_state state;
	/* CRU */
	uint32_t gbt_status;		/**< raw GBT status register */
	bool enabled;			/**< datapath enable bit */
	bool packet_mode;		/**< datapath: packet (else streaming) */
	bool gbt_tx_wb;			/**< GBT TX mode WB (else GBT) */
	bool gbt_rx_wb;			/**< GBT RX mode WB (else GBT) */
	bool loopback;			/**< GBT internal loopback */
	enum roc_gbt_mux gbt_mux;	/**< GBT mux of the link */
	uint32_t tx_clock_hz;		/**< measured TX clock */
	uint32_t rx_clock_hz;		/**< measured RX clock */
	uint32_t system_id;		/**< datapath link system ID */
	uint32_t fee_id;		/**< datapath link FEE ID */
	uint32_t accepted;		/**< packets accepted */
	uint32_t rejected;		/**< packets rejected */
	uint32_t forced;		/**< packets forced */
	/* C-RORC; CRU: the MiniPOD reading of the endpoint's hwmon */
	double optical_power_uw;	/**< received optical power; -1 unknown */
	uint32_t acq_rate;		/**< ACQ_RATE register */
	uint32_t packets_received;	/**< PKTS_RECEIVED register */
	/* CRU, appended (check with ROC_HAS_FIELD()) */
	uint32_t fec_errors;		/**< GBT link FEC error counter (+0x1C) */
};

/**
 * Read the status of an open endpoint.
 * @param links Bit mask of the links to read (CRU 0-11, C-RORC 0-5); 0
 *	  for all of them.
 * @param flags ::roc_status_flags.
 * @param stp Receives the snapshot, to be freed with roc_status_free().
 * @return 0; -EINVAL for a link the card does not have or bad flags;
 *	   -EOPNOTSUPP for an unknown card type; -ENODEV, other -errno of
 *	   the register access.
 */
int roc_status_read(struct roc_card *card, uint32_t links, int flags,
		    struct roc_status **stp);
/** Free a snapshot; NULL is allowed. */
void roc_status_free(struct roc_status *st);
/** Card type of the snapshot. */
enum roc_type roc_status_get_type(const struct roc_status *st);
/** When the snapshot was taken, CLOCK_REALTIME nanoseconds. */
uint64_t roc_status_get_time_ns(const struct roc_status *st);
/**
 * A card-wide value.
 * @return 0; -ENODATA if it does not apply to the card type or the
 *	   reading is invalid; -EINVAL for an unknown field.
 */
int roc_status_get(const struct roc_status *st, enum roc_status_field field,
		   int64_t *value);
/** JSON-style name of a field ("cruId", "ctpClockHz"); NULL if unknown. */
const char *roc_status_field_name(enum roc_status_field field);
/** Number of links in the snapshot. */
size_t roc_status_get_num_links(const struct roc_status *st);
/** Link @p i of the snapshot (by position); NULL if out of range. */
const struct roc_link_status *roc_status_get_link(const struct roc_status *st,
						  size_t i);
/**
 * Datapath counters of CRU datapath link @p dw_id (0-11 GBT links, 13 and
 * 14 run statistics of endpoint 0 and 1, 15 user logic).
 * @return 1 if the link is enabled, 0 if not; -ENODATA for a C-RORC or a
 *	   bad @p dw_id.
 */
int roc_status_get_datapath(const struct roc_status *st, unsigned int dw_id,
			    uint32_t *accepted, uint32_t *rejected,
			    uint32_t *forced);

/** "UP", "UP (was DOWN)", "DOWN"; NULL for an unknown value. */
const char *roc_link_state_name(enum roc_link_state state);
/**
 * Name of a GBT mux value, the TTC one with the downstream data
 * ("TTC:CTP", "TTC:PATTERN", "TTC:MIDTRG", "DDG", "SWT", "TTCUP", "UL").
 * @return A static string; NULL for an unknown value.
 */
const char *roc_gbt_mux_name(enum roc_gbt_mux mux, enum roc_downstream downstream);
/** "TTC", "LOCAL"; NULL for an unknown value. */
const char *roc_clock_name(enum roc_clock clock);
/** @} */

/* ------------------------------------------------------------------------ */
/** @name CRU TTC: pattern player, CTP emulator, triggers, ONU, FEC,
 * loopback, user logic (lib/ttc.c; docs/hardware.md P2-1, P2-2, P2-4)
 *
 * CRU only: every call returns -EOPNOTSUPP with a message for a C-RORC.
 * Register sequences go through ROC_REG_BATCH, in the old library's order.
 *
 * Sticky bits: the library never clears the ONU sticky register unless
 * asked (::ROC_ONU_CLEAR_STICKY, `roc-status --onu-status --clear`), so a
 * monitoring daemon and a person at the command line do not clear each
 * other's state.  Without it, "was" is the sticky word as the firmware
 * accumulated it since the last explicit clear, and "is" the errors of
 * the ONU status register now (which needs no clear).  A reader that wants
 * "since my last look" keeps its own copy and compares.
 * @{
 */

/** Pattern player settings (P2-1); patterns are 80 bits: lo 63:0, hi 79:64. */
struct roc_patplayer {
	uint64_t pat_lo[4];
	uint16_t pat_hi[4];
	uint32_t pat1_length;
	uint32_t pat1_delay;
	uint32_t pat2_length;
	uint32_t pat3_length;
	uint32_t pat1_trigger_select;
	uint32_t pat2_trigger_select;
	uint32_t pat3_trigger_select;
	uint32_t pat2_trigger_tf;	/**< TF 31:20, orbit 19:12, BC 11:0 */
	bool exe_pat1_at_start;
	bool exe_pat1_now;
	bool exe_pat2_now;
};

/** The old tool's defaults: lengths 1, trigger selects 29/30/0, rest 0. */
void roc_patplayer_defaults(struct roc_patplayer *pp);
/**
 * Parse a value of at most @p bits (<= 80) bits, decimal or 0x hex.
 * @return 0; -EINVAL for a malformed string; -ERANGE when it exceeds @p bits.
 */
int roc_parse_wide(const char *s, unsigned int bits, uint64_t *lo,
		   uint16_t *hi);
/**
 * Has the endpoint's firmware the current pattern-player layout?  Firmware
 * built before 2023-09-19 (the layout change, P2-1) has the old one.
 * @return 0; -EOPNOTSUPP (message) for old firmware or a C-RORC.
 */
int roc_patplayer_check_fw(const struct roc_card_info *info);
/** Configure and run (TTC downstream data := pattern player).  @return 0 or -errno. */
int roc_patplayer_play(struct roc_card *card, const struct roc_patplayer *pp);
/** Read the registers back (execute flags: pat1-at-start only). */
int roc_patplayer_read(struct roc_card *card, struct roc_patplayer *pp);

/** CTP emulator trigger modes (P2-2). */
enum roc_ctp_mode {
	ROC_CTP_MANUAL = 0,
	ROC_CTP_PERIODIC = 1,
	ROC_CTP_CONTINUOUS = 2,
	ROC_CTP_FIXED = 3,
	ROC_CTP_HC = 4,
	ROC_CTP_CAL = 5,
};

/** CTP emulator settings. */
struct roc_ctp {
	enum roc_ctp_mode mode;
	uint32_t bcmax;		/**< <= 3563 */
	uint32_t hbmax;		/**< <= 0xffff */
	uint32_t hbdrop;	/**< 2..0xffff */
	uint32_t hbkeep;	/**< 2..0xffff */
	uint32_t init_orbit;
	uint32_t trigger_freq;	/**< divider, 28 bit */
};

/** The old tool's defaults: periodic, 3563, 255, 15000, 15000, 0, 8. */
void roc_ctp_defaults(struct roc_ctp *ctp);
/** Mode by name, any case.  @return 0 or -EINVAL. */
int roc_ctp_mode_parse(const char *s, enum roc_ctp_mode *mode);
/** Name of a mode ("periodic"); NULL if unknown. */
const char *roc_ctp_mode_name(enum roc_ctp_mode mode);
/**
 * Check the limits of P2-2 (no I/O).  @return 0; -EINVAL with a message
 * naming the value and its limit.
 */
int roc_ctp_check(const struct roc_ctp *ctp);
/** Check, then configure and start the emulator.  @return 0 or -errno. */
int roc_ctp_start(struct roc_card *card, const struct roc_ctp *ctp);
/** Send EOX: the emulator goes idle.  @return 0 or -errno. */
int roc_ctp_eox(struct roc_card *card);
/** Send one physics trigger.  @return 0 or -errno. */
int roc_ctp_single_trigger(struct roc_card *card);

/** Trigger counters of the TTC block (LTU counts, P2-4). */
struct roc_triggers {
	uint32_t hb;	/**< 32 bit */
	uint32_t phys;	/**< 32 bit */
	uint32_t cal;	/**< 16 bit */
	uint32_t tof;	/**< 16 bit */
	uint32_t sox;	/**< 4 bit */
	uint32_t eox;	/**< 4 bit */
};

/** Read the counters.  @return 0 or -errno. */
int roc_triggers_read(struct roc_card *card, struct roc_triggers *t);
/** @p now - @p then per counter, with each counter's wrap (no I/O). */
void roc_triggers_diff(const struct roc_triggers *now,
		       const struct roc_triggers *then,
		       struct roc_triggers *diff);

/** Flags of roc_onu_status_read(). */
enum roc_onu_flags {
	/** Clear the sticky bits after reading them (for everyone). */
	ROC_ONU_CLEAR_STICKY = 1 << 0,
};

/** ONU status (P2-4.3); bit names of ::roc_onu_bit_name(). */
struct roc_onu_status {
	uint32_t status;	/**< 0x22A00C: 1 = good */
	uint32_t sticky;	/**< "is": errors now, 1 = error */
	uint32_t sticky_was;	/**< sticky register since the last clear */
	uint32_t address;	/**< ONU address */
	bool upstream;		/**< phaseGood, operational, mgtTxReady, mgtTxPllLocked */
	bool downstream;	/**< rx40Locked, rxLocked, mgtRxReady, mgtRxPllLocked */
	uint32_t pon_quality;
	bool pon_quality_good;	/**< equal over two reads 10 ms apart */
	uint32_t glitch_counter;
};

/** Name of status/sticky bit @p bit (0-7): "RX40 locked"...  NULL above 7. */
const char *roc_onu_bit_name(unsigned int bit);
/** Read the ONU status; ::roc_onu_flags.  @return 0 or -errno. */
int roc_onu_status_read(struct roc_card *card, int flags,
			struct roc_onu_status *st);

/** ONU FEC status (P2-4.3: two fields are constant 0, as in the old tool). */
struct roc_fec_status {
	bool clear_fec_crc_errors;
	bool latch_fec_crc_errors;
	uint32_t slow_control_framing_locked;
	uint32_t fec_single_error_count;	/**< 8 bit */
	uint32_t fec_double_error_count;	/**< 8 bit */
	uint32_t crc_error_count;
};

/** Read the FEC status.  @return 0 or -errno. */
int roc_fec_status_read(struct roc_card *card, struct roc_fec_status *st);

/**
 * Calibrate the PON receiver as roc-config does with the TTC clock
 * (P2-4.2 step 2: ONU reset, reconfiguration calibrations, 2.5 s).
 * @return 0; -EIO (message) when the status then lacks RX40 locked, RX
 *	   locked or MGT RX ready.
 */
int roc_onu_calibrate(struct roc_card *card);
/** Is the upstream as wanted: status 0xFF or 0xF7 and ONU address @p address? */
int roc_onu_upstream_ok(struct roc_card *card, uint32_t address);
/**
 * Scan the TX phase (P2-4.2 step 3) and set ONU address @p address.
 * @return 0; -EIO (message) when no good phase is found in 50000 steps.
 */
int roc_onu_tx_phase_scan(struct roc_card *card, uint32_t address);

/** Loopback test settings of the old tool (P2-4.5). */
struct roc_loopback {
	bool static_pattern;	/**< else counter */
	bool counter_8bit;	/**< else 30 bit */
	uint32_t high_mask, med_mask, low_mask;
};

/** Loopback counters of one link. */
struct roc_loopback_stats {
	bool phy_up, pll_lock, rx_locked, data_layer_up;
	uint32_t rx_data_errors;
	uint32_t fec_errors;
};

/** Start the internal generator on the links of @p mask, reset counters. */
int roc_loopback_setup(struct roc_card *card, uint32_t mask,
		       const struct roc_loopback *lb);
/** Counters of user link @p link (0-11). */
int roc_loopback_read(struct roc_card *card, unsigned int link,
		      struct roc_loopback_stats *st);

/** User-logic settings (P2-4.6). */
struct roc_ul {
	uint32_t event_size;	/**< GBT words */
	bool random_event_size;
	uint32_t system_id;
	uint32_t link_id;
};

/** Configure the user logic.  @return 0 or -errno. */
int roc_ul_set(struct roc_card *card, const struct roc_ul *ul);
/** Read it back.  @return 0 or -errno. */
int roc_ul_get(struct roc_card *card, struct roc_ul *ul);

/**
 * @defgroup cru_i2c CRU slow control: I2C buses, optical power, clock
 * (issue 12; docs/hardware.md P2-3).  The kernel owns the CRU's I2C
 * masters as Linux I2C adapters, one set per card, named after endpoint 0
 * ("rocN CRU <bus>"); these calls find them for either endpoint.
 * @{
 */
/**
 * MiniPOD receive power of user link @p link (0-11) of a CRU endpoint, in
 * microwatts, from the endpoint's hwmon device.
 * @return 0; -EINVAL for a C-RORC or a bad link; -ENODATA without a
 *	   reading (no RX MiniPOD); other -errno.
 */
int roc_cru_optical_power(struct roc_card *card, unsigned int link,
			  double *uw);
/**
 * The i2c-N number of the card's I2C master @p bus: "temperature", "sfp1",
 * "minipod", "si5344", "si5345-1", "si5345-2", "sfp2", "eeprom".
 * @return N; -ENODEV if the adapter is not there; -EOPNOTSUPP for a C-RORC.
 */
int roc_cru_i2c_bus(struct roc_card *card, const char *bus);
/**
 * Open /dev/i2c-N of master @p bus, addressed to chip @p addr (7 bit).
 * @return The file descriptor (close it); -errno.
 */
int roc_cru_i2c_open(struct roc_card *card, const char *bus,
		     unsigned int addr);
/**
 * PON receive power of the TTC-PON SFP (SFP1, chip 0x51, registers
 * 0x68/0x69 in 0.1 uW) in dBm; -INFINITY without light.
 * @return 0; -errno of the bus (-ENXIO no SFP, -ETIMEDOUT).
 */
int roc_cru_pon_rx_power(struct roc_card *card, double *dbm);
/**
 * One step of a clock map: write @p value to 16-bit register @p addr (high
 * byte = page), or, when @p delay_ms is not 0, wait that long.
 */
struct roc_clock_op {
	uint16_t addr;
	uint8_t value;
	uint32_t delay_ms;
};
/** A parsed ClockBuilder Pro export, in file order. */
struct roc_clock_map {
	struct roc_clock_op *ops;
	size_t num_ops;
	size_t cap;		/**< private */
};
/**
 * Parse a ClockBuilder Pro register export ("Address,Data" CSV, "0x0B24,0xC0"
 * lines, '#' comments; "# Delay N msec" becomes a delay step).
 * @param name For messages (the file name).
 * @return 0; -EINVAL with the line number in the message; -ENOMEM.
 */
int roc_clock_map_parse(const char *name, const char *text,
			struct roc_clock_map *map);
/** roc_clock_map_parse() of a file.  @return As it, or -errno of reading. */
int roc_clock_map_load(const char *path, struct roc_clock_map *map);
/** Free what a parse allocated. */
void roc_clock_map_free(struct roc_clock_map *map);
/** The directory of the shipped maps: $ROC_CLOCK_MAPS, else DATADIR/roc/clock-maps. */
const char *roc_clock_maps_dir(void);
/** The clock selected in Si5345 #2 (page 5, register 0x2A).  @return 0; -errno. */
int roc_cru_clock_get(struct roc_card *card, enum roc_clock *clock);
/** Flags of roc_cru_clock_set(). */
enum roc_clock_flags {
	ROC_CLOCK_FORCE = 1 << 0,	/**< program even if already selected */
	ROC_CLOCK_DRY_RUN = 1 << 1,	/**< load and check the maps only */
};
/** Progress of roc_cru_clock_set(): @p done of @p total registers of @p bus. */
typedef void (*roc_clock_progress_fn)(const char *bus, size_t done,
				      size_t total, void *arg);
/**
 * Program the CRU's PLLs for @p clock from the maps of @p maps_dir (NULL:
 * roc_clock_maps_dir()): Si5345 #1, Si5345 #2, Si5344, with the page
 * register and the delays the exports ask for; for TTC the reference
 * generator first; then LOCK_CLOCK_TO_REF = 0 and the TTC clock-select bits.
 * @return 0 programmed; 1 already selected (nothing written); -errno.
 */
int roc_cru_clock_set(struct roc_card *card, enum roc_clock clock,
		      const char *maps_dir, int flags,
		      roc_clock_progress_fn progress, void *arg);

/** @name C-RORC DDL link: SIU/DIU status, start options, reset levels (siu.c)
 * @{
 */

/** Options of roc_channel_start_ddl(). */
enum roc_ddl_start_options {
	ROC_DDL_START_STBRD = 1 << 0,	/**< FEE: STBRD instead of RDYRX */
};

/** Reset levels of roc_channel_reset_level() (docs/hardware.md 4.2). */
enum roc_reset_level_lib {
	ROC_RESET_LEVEL_INTERNAL = 0,	/**< the channel's DMA engine */
	ROC_RESET_LEVEL_NOTHING = 1,	/**< nothing */
	ROC_RESET_LEVEL_INTERNAL_SIU = 2,	/**< C-RORC: also the SIU */
};

/**
 * Start DMA with C-RORC options (::roc_ddl_start_options).
 * @return As roc_channel_start(); the message of -ENOLINK names the link
 *	   state of a C-RORC channel.
 */
int roc_channel_start_ddl(struct roc_channel *ch, enum roc_dma_source source,
			  unsigned int options);
/**
 * Reset a stopped channel at @p level (::roc_reset_level_lib).
 * @return 0; -EOPNOTSUPP (INTERNAL_SIU on a CRU), -ENOLINK, -ETIMEDOUT,
 *	   -EPROTO, -EIO (DDL), -EBUSY if not stopped, -EINVAL.
 */
int roc_channel_reset_level(struct roc_channel *ch, unsigned int level);
/** "INTERNAL", "NOTHING", "INTERNAL_SIU"; NULL if unknown. */
const char *roc_reset_level_name(unsigned int level);

/** DIU and SIU status of one C-RORC channel (fixed layout). */
struct roc_ddl_info {
	uint32_t channel;	/**< the channel */
	bool link_up;		/**< C_CSR LINK_DOWN clear */
	bool diu_valid;		/**< diu_status was read */
	bool siu_valid;		/**< siu_status was read */
	bool hw_info_valid;	/**< siu_hw_info was read */
	uint32_t diu_status;	/**< DIU interface status word */
	uint32_t siu_status;	/**< SIU interface status word */
	int siu_error;		/**< 0 or -errno of reading the SIU */
	char siu_hw_info[64];	/**< SIU hardware info, NUL-terminated */
};

/**
 * Read the DDL status of channel @p channel (ROC_DDL_STATUS).  Reading
 * clears the SIU's error bits.
 * @return 0; -EOPNOTSUPP on a CRU, -EINVAL, other -errno.
 */
int roc_ddl_status(struct roc_card *card, unsigned int channel,
		   struct roc_ddl_info *info);

/** One decoded bit or field of a status word. */
struct roc_ddl_bit {
	const char *name;	/**< short name, e.g. "LBMOD", "PORT_STATE" */
	const char *text;	/**< what it means */
	bool set;		/**< bit set (a field: always true) */
	bool error;		/**< an error bit */
};

/**
 * Decode an SIU (@p siu true) or DIU interface status word
 * (docs/hardware.md P2-5.3): every bit of 30:15 and the port state.
 * @param bits Room for @p max entries (32 is enough).
 * @return Entries written.
 */
size_t roc_ddl_decode(uint32_t status, bool siu, struct roc_ddl_bit *bits,
		      size_t max);
/** @} */

#ifdef __cplusplus
}
#endif

#endif /* LIBROC_H */
