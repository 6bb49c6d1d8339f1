// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * config_test - card configurations without a card: INI files (every key,
 * hex forms, partial sections, [linkN] overrides, bad values, unknown keys
 * and sections, [link12], missing files, URI schemes), setting values,
 * link masks, the INI writer round trip and the difference of two
 * configurations (changes, FORCE, not-programmed settings, gbtEnabled).
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "../config.h"
#include "tap.h"

static char tmpdir[] = "/tmp/roc-config-test.XXXXXX";

static const char *write_file(const char *name, const char *text)
{
	static char path[4][256];
	static int slot;
	char *p = path[slot++ % 4];
	FILE *f;

	snprintf(p, sizeof(path[0]), "%s/%s", tmpdir, name);
	f = fopen(p, "w");
	if (!f)
		return p;
	fputs(text, f);
	fclose(f);
	return p;
}

static struct roc_config *new_cfg(void)
{
	struct roc_config *cfg = NULL;

	if (roc_config_new(0, &cfg))
		tap_diag("roc_config_new: %s", roc_strerror_last());
	return cfg;
}

static uint32_t get(const struct roc_config *cfg, enum roc_config_key k,
		    int link)
{
	uint32_t v = 0xdeadbeef;

	if (roc_config_get_value(cfg, k, link, &v))
		return 0xdeadbeef;
	return v;
}

/* Load @text as a file; return the result, message in roc_strerror_last(). */
static int load_text(struct roc_config *cfg, const char *text)
{
	return roc_config_load(cfg, write_file("t.ini", text));
}

static const char full_ini[] =
	"; every key of docs/hardware.md 10.1\n"
	"[cru]\n"
	"allowRejection = true\n"
	"clock = TTC\n"
	"cruId = 0x1ab\n"
	"datapathMode = streaming\n"
	"loopback = false\n"
	"gbtMode = WB\n"
	"downstreamData = pattern\n"
	"ponUpstream = true\n"
	"onuAddress = 7\n"
	"dynamicOffset = 1\n"
	"triggerWindowSize = 0x3e8\n"
	"gbtEnabled = yes\n"
	"userLogicEnabled = on\n"
	"runStatsEnabled = true\n"
	"userAndCommonLogicEnabled = false\n"
	"systemId = 2a\n"
	"timeFrameLength = 128\n"
	"dropBadRdhEnabled = true\n"
	"[links]\n"
	"enabled = true\n"
	"gbtMux = ddg\n"
	"feeId = 0xbeef\n"
	"[link3]\n"
	"enabled = false\n"
	"gbtMux = UL\n"
	"feeId = 12\n"
	"datapathMode = packet\n"
	"# a C-RORC in the same file\n"
	"[crorc]\n"
	"dynamicOffset = true\n"
	"timeFrameLength = 256\n"
	"crorcId = 0xfff\n"
	"timeFrameDetectionEnabled = false\n";

static void test_parse_full(void)
{
	struct roc_config *cfg = new_cfg();
	int ret = load_text(cfg, full_ini);

	tap_ok(ret == 0, "INI with every key parses (%s)", roc_strerror_last());
	tap_ok(get(cfg, ROC_CONFIG_KEY_ALLOW_REJECTION, -1) == 1, "allowRejection");
	tap_ok(get(cfg, ROC_CONFIG_KEY_CLOCK, -1) == ROC_CLOCK_TTC,
	       "clock TTC (any case) = 0");
	tap_ok(get(cfg, ROC_CONFIG_KEY_CRU_ID, -1) == 0x1ab, "cruId 0x1ab");
	tap_ok(get(cfg, ROC_CONFIG_KEY_GBT_MODE, 5) == ROC_GBT_MODE_WB,
	       "gbtMode WB reaches link 5");
	tap_ok(get(cfg, ROC_CONFIG_KEY_DOWNSTREAM_DATA, -1) ==
	       ROC_DOWNSTREAM_PATTERN, "downstreamData pattern");
	tap_ok(get(cfg, ROC_CONFIG_KEY_PON_UPSTREAM, -1) == 1 &&
	       get(cfg, ROC_CONFIG_KEY_ONU_ADDRESS, -1) == 7, "ponUpstream, onuAddress");
	tap_ok(get(cfg, ROC_CONFIG_KEY_DYNAMIC_OFFSET, -1) == 1, "dynamicOffset = 1");
	tap_ok(get(cfg, ROC_CONFIG_KEY_TRIGGER_WINDOW_SIZE, -1) == 1000,
	       "triggerWindowSize 0x3e8 = 1000");
	tap_ok(get(cfg, ROC_CONFIG_KEY_GBT_ENABLED, -1) == 1 &&
	       get(cfg, ROC_CONFIG_KEY_USER_LOGIC, -1) == 1 &&
	       get(cfg, ROC_CONFIG_KEY_RUN_STATS, -1) == 1 &&
	       get(cfg, ROC_CONFIG_KEY_USER_AND_COMMON_LOGIC, -1) == 0,
	       "yes/on/true/false booleans");
	tap_ok(get(cfg, ROC_CONFIG_KEY_SYSTEM_ID, -1) == 0x2a &&
	       get(cfg, ROC_CONFIG_KEY_SYSTEM_ID, 11) == 0x2a,
	       "systemId hex without 0x, card-wide and per link");
	tap_ok(get(cfg, ROC_CONFIG_KEY_TIME_FRAME_LENGTH, -1) == 128 &&
	       get(cfg, ROC_CONFIG_KEY_DROP_BAD_RDH, -1) == 1, "timeFrameLength, dropBadRdh");
	tap_ok(get(cfg, ROC_CONFIG_KEY_LINK_ENABLED, 0) == 1 &&
	       get(cfg, ROC_CONFIG_KEY_LINK_GBT_MUX, 11) == ROC_GBT_MUX_DDG &&
	       get(cfg, ROC_CONFIG_KEY_LINK_FEE_ID, 7) == 0xbeef, "[links] reach every link");
	tap_ok(get(cfg, ROC_CONFIG_KEY_LINK_ENABLED, 3) == 0 &&
	       get(cfg, ROC_CONFIG_KEY_LINK_GBT_MUX, 3) == ROC_GBT_MUX_UL &&
	       get(cfg, ROC_CONFIG_KEY_LINK_FEE_ID, 3) == 0x12, "[link3] overrides (feeId hex)");
	tap_ok(get(cfg, ROC_CONFIG_KEY_DATAPATH_MODE, 3) == ROC_DATAPATH_PACKET &&
	       get(cfg, ROC_CONFIG_KEY_DATAPATH_MODE, 2) == ROC_DATAPATH_STREAMING,
	       "[link3] datapathMode overrides [cru]");
	tap_ok(get(cfg, ROC_CONFIG_KEY_CRORC_DYNAMIC_OFFSET, -1) == 1 &&
	       get(cfg, ROC_CONFIG_KEY_CRORC_TIME_FRAME_LENGTH, -1) == 256 &&
	       get(cfg, ROC_CONFIG_KEY_CRORC_ID, -1) == 0xfff &&
	       get(cfg, ROC_CONFIG_KEY_CRORC_TF_DETECTION, -1) == 0, "[crorc] keys");
	roc_config_free(cfg);
}

static void test_parse_partial(void)
{
	struct roc_config *cfg = new_cfg();
	const char *path;
	char uri[300];

	tap_ok(!load_text(cfg, "[cru]\nclock = local\n"), "a section may list one key");
	tap_ok(get(cfg, ROC_CONFIG_KEY_CLOCK, -1) == ROC_CLOCK_LOCAL &&
	       get(cfg, ROC_CONFIG_KEY_CRU_ID, -1) == 0xdeadbeef &&
	       get(cfg, ROC_CONFIG_KEY_LINK_ENABLED, 0) == 0xdeadbeef,
	       "keys left out stay unset");
	tap_ok(!load_text(cfg, "[cru]\ncruId = 5\n") &&
	       get(cfg, ROC_CONFIG_KEY_CLOCK, -1) == ROC_CLOCK_LOCAL &&
	       get(cfg, ROC_CONFIG_KEY_CRU_ID, -1) == 5, "a second file adds to the first");
	path = write_file("uri.ini", "[crorc]\ncrorcId = 0x10\n");
	snprintf(uri, sizeof(uri), "ini://%s", path);
	tap_ok(!roc_config_load(cfg, uri) && get(cfg, ROC_CONFIG_KEY_CRORC_ID, -1) == 0x10,
	       "ini:///path URI");
	tap_ok(roc_config_load(cfg, "json:///etc/x.json") == -EPROTONOSUPPORT &&
	       tap_contains(roc_strerror_last(), "unsupported URI scheme"),
	       "json:// is refused");
	roc_config_free(cfg);
}

/* A bad file: -EINVAL, the file's settings not taken, message parts. */
static void bad(const char *what, const char *text, const char *m1,
		const char *m2)
{
	struct roc_config *cfg = new_cfg();
	int ret;

	roc_config_set_value(cfg, ROC_CONFIG_KEY_CRU_ID, -1, 0x77);
	ret = load_text(cfg, text);
	tap_ok(ret == -EINVAL && tap_contains(roc_strerror_last(), m1) &&
	       tap_contains(roc_strerror_last(), m2) &&
	       get(cfg, ROC_CONFIG_KEY_CRU_ID, -1) == 0x77 &&
	       get(cfg, ROC_CONFIG_KEY_CLOCK, -1) == 0xdeadbeef,
	       "%s: %s", what, roc_strerror_last());
	roc_config_free(cfg);
}

static void test_parse_bad(void)
{
	struct roc_config *cfg = new_cfg();

	bad("bad clock", "[cru]\nclock = ttc\ncruId = 1\nclock = pll\n",
	    "t.ini:4: [cru] clock = pll: bad value", "accepted: ttc, local");
	bad("bad bool", "[cru]\nclock = ttc\nloopback = maybe\n",
	    "t.ini:3: [cru] loopback = maybe", "accepted: true, false");
	bad("cruId above 12 bits", "[cru]\nclock=ttc\ncruId = 0x1000\n",
	    "t.ini:3: [cru] cruId = 0x1000: out of range", "0x0-0xfff");
	bad("systemId not hex", "[cru]\nsystemId = 0xzz\n",
	    "t.ini:2:", "systemId = 0xzz: bad value");
	bad("feeId above 16 bits", "[links]\nfeeId = 10000\n",
	    "t.ini:2: [links] feeId = 10000: out of range", "0xffff");
	bad("trigger window above 65535", "[cru]\ntriggerWindowSize = 65536\n",
	    "out of range", "0-65535");
	bad("C-RORC TF length 257", "[crorc]\ntimeFrameLength = 257\n",
	    "t.ini:2: [crorc] timeFrameLength = 257: out of range", "0-256");
	bad("negative number", "[cru]\nonuAddress = -1\n", "t.ini:2:", "bad value");
	bad("unknown key", "[cru]\nclock = ttc\nfrobnicate = 1\n",
	    "t.ini:3: [cru] frobnicate: unknown key", "accepted: clock,");
	bad("link key in [cru]", "[cru]\nfeeId = 1\n", "unknown key", "cruId");
	bad("[cru] key in [links]", "[links]\ndatapathMode = packet\n",
	    "[links] datapathMode: unknown key", "accepted: gbtMux, enabled, feeId");
	bad("[link12]", "[link11]\nenabled = 1\n[link12]\nenabled = 1\n",
	    "t.ini:4: [link12]: link 12 out of range", "0-11");
	bad("[link-1]", "[link-1]\nenabled = 1\n", "t.ini:2: [link-1]: unknown section",
	    "link0-link11");
	bad("unknown section", "[dma]\nsize = 1\n", "t.ini:2: [dma]: unknown section",
	    "cru, links");
	bad("key before a section", "clock = ttc\n", "t.ini:1:",
	    "outside a section");
	bad("syntax error", "[cru]\nclock ttc\n", "t.ini:2:", "syntax error");
	tap_ok(roc_config_load(cfg, "/nonexistent/roc.ini") == -ENOENT &&
	       tap_contains(roc_strerror_last(), "/nonexistent/roc.ini"),
	       "missing file: -ENOENT naming it");
	roc_config_free(cfg);
}

static void test_values(void)
{
	struct roc_config *cfg = new_cfg(), *def = NULL;
	char buf[32];

	tap_ok(roc_config_set_value(cfg, ROC_CONFIG_KEY_CLOCK, -1, 1) == -EINVAL,
	       "clock 1 is no clock");
	tap_ok(roc_config_set_value(cfg, ROC_CONFIG_KEY_CLOCK, 3, 0) == -EINVAL,
	       "clock is not per link");
	tap_ok(roc_config_set_value(cfg, ROC_CONFIG_KEY_LINK_FEE_ID, 12, 0) == -EINVAL,
	       "link 12 refused");
	tap_ok(roc_config_set_value(cfg, ROC_CONFIG_KEY_COUNT, -1, 0) == -EINVAL,
	       "bad key refused");
	tap_ok(roc_config_get_value(cfg, ROC_CONFIG_KEY_CLOCK, -1, (uint32_t[1]){ 0 }) ==
	       -ENODATA, "unset: -ENODATA");
	tap_ok(!strcmp(roc_config_format_value(ROC_CONFIG_KEY_CLOCK, 2, buf, sizeof(buf)),
		       "local") &&
	       !strcmp(roc_config_format_value(ROC_CONFIG_KEY_CRU_ID, 0x1f, buf, sizeof(buf)),
		       "0x1f") &&
	       !strcmp(roc_config_format_value(ROC_CONFIG_KEY_LINK_GBT_MUX, 3, buf,
					       sizeof(buf)), "TTCUP"),
	       "format: local, 0x1f, TTCUP");
	tap_ok(roc_config_set(cfg, "cru", "CLOCK", "Local") == 0 &&
	       get(cfg, ROC_CONFIG_KEY_CLOCK, -1) == ROC_CLOCK_LOCAL,
	       "key and value names are case-insensitive");
	tap_ok(!roc_config_new(ROC_CONFIG_NEW_DEFAULTS, &def) &&
	       get(def, ROC_CONFIG_KEY_CLOCK, -1) == ROC_CLOCK_LOCAL &&
	       get(def, ROC_CONFIG_KEY_TRIGGER_WINDOW_SIZE, -1) == 1000 &&
	       get(def, ROC_CONFIG_KEY_TIME_FRAME_LENGTH, -1) == 256 &&
	       get(def, ROC_CONFIG_KEY_LINK_ENABLED, 0) == 1 &&
	       get(def, ROC_CONFIG_KEY_LINK_ENABLED, 1) == 0 &&
	       get(def, ROC_CONFIG_KEY_DATAPATH_MODE, 4) == ROC_DATAPATH_PACKET,
	       "defaults: local clock, window 1000, TF 256, link 0 only, packet");
	roc_config_free(def);
	def = (struct roc_config *)cfg;
	tap_ok(roc_config_new(4, &def) == -EINVAL && !def,
	       "unknown flags: -EINVAL, no configuration");
	roc_config_free(cfg);
}

static void test_link_masks(void)
{
	uint32_t m = 0;
	char buf[64];

	tap_ok(!roc_link_mask_parse("0-11", 11, &m) && m == 0xfff, "\"0-11\"");
	tap_ok(!roc_link_mask_parse("0,2,4-6", 11, &m) && m == 0x75, "\"0,2,4-6\"");
	tap_ok(!roc_link_mask_parse(" 3 , 1 - 2 ", 11, &m) && m == 0xe,
	       "blanks around items");
	tap_ok(!roc_link_mask_parse("all", 11, &m) && m == 0xfff, "\"all\" = 0-11");
	tap_ok(!roc_link_mask_parse("ALL", 15, &m) && m == 0xffff, "\"ALL\" = 0-15");
	tap_ok(!roc_link_mask_parse("all", 31, &m) && m == 0xffffffff, "all of 32");
	tap_ok(!roc_link_mask_parse("5", 11, &m) && m == 0x20, "one link");
	tap_ok(roc_link_mask_parse("12", 11, &m) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "link 12 out of range (0-11)"),
	       "12 out of range");
	tap_ok(roc_link_mask_parse("0-12", 11, &m) == -EINVAL, "range end out of range");
	tap_ok(roc_link_mask_parse("5-3", 11, &m) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "backwards"), "backwards range");
	tap_ok(roc_link_mask_parse("", 11, &m) == -EINVAL, "empty list");
	tap_ok(roc_link_mask_parse("1,", 11, &m) == -EINVAL, "trailing comma");
	tap_ok(roc_link_mask_parse("1;2", 11, &m) == -EINVAL &&
	       tap_contains(roc_strerror_last(), "bad item"), "bad separator");
	tap_ok(roc_link_mask_parse("x", 11, &m) == -EINVAL, "not a number");
	tap_ok(roc_link_mask_parse("99999999999999999999", 11, &m) == -EINVAL,
	       "huge number");
	tap_ok(roc_link_mask_parse("all,1", 11, &m) == -EINVAL, "\"all,1\"");
	tap_ok(!strcmp(roc_link_mask_format(0x75, buf, sizeof(buf)), "0,2,4-6") &&
	       !strcmp(roc_link_mask_format(0, buf, sizeof(buf)), "") &&
	       !strcmp(roc_link_mask_format(0x80000fff, buf, sizeof(buf)),
		       "0-11,31"), "format 0,2,4-6; \"\"; 0-11,31");
}

/* Same values in effect, for every key and link. */
static bool same(const struct roc_config *a, const struct roc_config *b)
{
	unsigned int k;
	int l;

	for (k = 0; k < ROC_CONFIG_KEY_COUNT; k++)
		for (l = -1; l < ROC_CONFIG_LINKS; l++) {
			bool pl = roc_config_key_is_per_link((enum roc_config_key)k);

			if (l >= 0 && !pl)
				break;
			/* per-link settings: only the values of the links
			 * count (and the card-wide systemId, a register) */
			if (l < 0 && pl && k != ROC_CONFIG_KEY_SYSTEM_ID)
				continue;
			if (get(a, (enum roc_config_key)k, l) !=
			    get(b, (enum roc_config_key)k, l)) {
				tap_diag("key %s link %d: %x != %x",
					 roc_cfg_keys[k].name, l,
					 get(a, (enum roc_config_key)k, l),
					 get(b, (enum roc_config_key)k, l));
				return false;
			}
		}
	return true;
}

static void round_trip(const char *what, struct roc_config *cfg)
{
	const char *path = write_file("out.ini", "");
	struct roc_config *back = new_cfg();
	int ret;

	ret = roc_config_write_file(cfg, path);
	tap_ok(!ret && !roc_config_load(back, path) && same(cfg, back),
	       "round trip: %s (%s)", what, roc_strerror_last());
	roc_config_free(back);
}

static void test_writer(void)
{
	struct roc_config *cfg = new_cfg(), *def = NULL;
	unsigned int l;

	load_text(cfg, full_ini);
	round_trip("every key, [link3] overrides", cfg);
	roc_config_free(cfg);

	roc_config_new(ROC_CONFIG_NEW_DEFAULTS, &def);
	round_trip("defaults", def);
	roc_config_free(def);

	/* a card's state: per-link values only, links disagreeing */
	cfg = new_cfg();
	for (l = 0; l < ROC_CONFIG_LINKS; l++) {
		roc_config_set_value(cfg, ROC_CONFIG_KEY_LINK_ENABLED, (int)l, l % 3 == 0);
		roc_config_set_value(cfg, ROC_CONFIG_KEY_LINK_GBT_MUX, (int)l, l % 5);
		roc_config_set_value(cfg, ROC_CONFIG_KEY_LINK_FEE_ID, (int)l, 0x100 + l);
		roc_config_set_value(cfg, ROC_CONFIG_KEY_DATAPATH_MODE, (int)l, l == 7);
		roc_config_set_value(cfg, ROC_CONFIG_KEY_SYSTEM_ID, (int)l, l == 2 ? 9 : 3);
	}
	roc_config_set_value(cfg, ROC_CONFIG_KEY_DATAPATH_MODE, -1, 0);
	roc_config_set_value(cfg, ROC_CONFIG_KEY_SYSTEM_ID, -1, 3);
	roc_config_set_value(cfg, ROC_CONFIG_KEY_CLOCK, -1, ROC_CLOCK_TTC);
	round_trip("per-link values that differ", cfg);
	/* a link whose value is unknown: no [links] base for that key */
	roc_config_unset(cfg, ROC_CONFIG_KEY_LINK_GBT_MUX, 4);
	round_trip("a link value unknown", cfg);
	roc_config_free(cfg);

	cfg = new_cfg();
	round_trip("empty configuration", cfg);
	tap_ok(roc_config_write_file(cfg, "/nonexistent/x.ini") == -ENOENT,
	       "writing into a missing directory: -ENOENT");
	roc_config_free(cfg);
}

static const struct roc_config_change *find(const struct roc_config_change *c,
					    size_t n, const char *setting)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(c[i].setting, setting))
			return &c[i];
	return NULL;
}

static void test_diff(void)
{
	struct roc_config *cur = new_cfg(), *want = new_cfg();
	const struct roc_config_change *c;
	struct roc_config_change *ch = NULL;
	size_t n = 99;
	unsigned int l;

	for (l = 0; l < ROC_CONFIG_LINKS; l++) {
		roc_config_set_value(cur, ROC_CONFIG_KEY_LINK_ENABLED, (int)l, 1);
		roc_config_set_value(cur, ROC_CONFIG_KEY_LINK_GBT_MUX, (int)l, 0);
	}
	roc_config_set_value(cur, ROC_CONFIG_KEY_CLOCK, -1, ROC_CLOCK_LOCAL);
	roc_config_set_value(cur, ROC_CONFIG_KEY_CRU_ID, -1, 0x10);
	roc_config_set_value(cur, ROC_CONFIG_KEY_CRORC_ID, -1, 0x20);

	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRU, 0, &ch, &n) && n == 0 &&
	       !ch, "empty wanted configuration: no change");
	tap_ok(!roc_config_diff(cur, cur, ROC_TYPE_CRU, 0, &ch, &n) && n == 0,
	       "a state against itself: no change");

	load_text(want, "[cru]\nclock = local\ncruId = 0x11\n[link2]\nenabled = false\n"
		  "[crorc]\ncrorcId = 0x20\n");
	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRU, 0, &ch, &n) && n == 2,
	       "CRU: 2 changes");
	c = find(ch, n, "cru.cruId");
	tap_ok(c && c->has_old && c->old_value == 0x10 && c->new_value == 0x11 &&
	       !strcmp(c->old_text, "0x10") && !strcmp(c->new_text, "0x11") &&
	       c->link == -1 && !c->flags, "cru.cruId: 0x10 -> 0x11");
	c = find(ch, n, "link2.enabled");
	tap_ok(c && c->link == 2 && !strcmp(c->old_text, "true") &&
	       !strcmp(c->new_text, "false"), "link2.enabled: true -> false");
	tap_ok(ch && !strcmp(ch[0].setting, "link2.enabled"),
	       "changes come in apply order (link enable before CRU ID)");
	free(ch);
	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRORC, 0, &ch, &n) && n == 0,
	       "C-RORC: [cru] ignored, crorcId equal: no change");
	free(ch);

	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRU, ROC_CONFIG_APPLY_FORCE, &ch,
				&n) && n == 3, "FORCE: every set CRU setting: clock, cruId, link2");
	c = find(ch, n, "cru.clock");
	tap_ok(c && c->flags == ROC_CONFIG_CHANGE_FORCED &&
	       !strcmp(c->old_text, "local"), "FORCE: equal ones are marked forced");
	free(ch);

	roc_config_set(want, "cru", "systemId", "0x5");
	roc_config_set(want, "cru", "ponUpstream", "true");
	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRU, 0, &ch, &n) && n == 16,
	       "unknown card values: systemId card + 12 links, pon");
	c = find(ch, n, "link11.systemId");
	tap_ok(c && !c->has_old && !strcmp(c->old_text, "?") &&
	       !strcmp(c->new_text, "0x5"), "unknown old value shows \"?\"");
	c = find(ch, n, "cru.ponUpstream");
	tap_ok(c && c->flags == ROC_CONFIG_CHANGE_NOT_PROGRAMMED,
	       "ponUpstream: reported as not programmed");
	free(ch);

	roc_config_unset(want, ROC_CONFIG_KEY_SYSTEM_ID, -1);
	roc_config_unset(want, ROC_CONFIG_KEY_PON_UPSTREAM, -1);
	roc_config_set(want, "links", "gbtMux", "DDG");
	roc_config_set(want, "cru", "gbtEnabled", "false");
	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRU, 0, &ch, &n) && n == 2 &&
	       !find(ch, n, "link0.gbtMux"),
	       "gbtEnabled false: GBT mux left alone");
	free(ch);
	roc_config_set(want, "cru", "gbtEnabled", "true");
	tap_ok(!roc_config_diff(cur, want, ROC_TYPE_CRU, 0, &ch, &n) && n == 14 &&
	       find(ch, n, "link11.gbtMux"), "gbtEnabled true: 12 mux changes");
	free(ch);
	roc_config_free(cur);
	roc_config_free(want);
}

/* The example files of utils/examples, found from build/unit/config_test. */
static void test_examples(void)
{
	static const char *const names[] = { "cru.ini", "crorc.ini" };
	char exe[512], path[600];
	struct roc_config *cfg;
	ssize_t len;
	size_t i;
	char *slash;
	int ret;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[len > 0 ? len : 0] = '\0';
	for (i = 0; i < 2 && (slash = strrchr(exe, '/')); i++)
		*slash = '\0';
	for (i = 0; i < ROC_ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "%s/../utils/examples/%s", exe,
			 names[i]);
		if (access(path, R_OK)) {
			tap_ok(1, "# SKIP example %s not found", names[i]);
			continue;
		}
		cfg = new_cfg();
		ret = roc_config_load(cfg, path);
		tap_ok(!ret, "example %s parses%s%s", names[i], ret ? ": " : "",
		       ret ? roc_strerror_last() : "");
		roc_config_free(cfg);
	}
}

int main(void)
{
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	test_parse_full();
	test_parse_partial();
	test_parse_bad();
	test_values();
	test_link_masks();
	test_writer();
	test_diff();
	test_examples();
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		if (system(cmd))
			tap_diag("cleanup of %s failed", tmpdir);
	}
	return tap_done();
}
