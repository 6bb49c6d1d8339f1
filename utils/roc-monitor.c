// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * roc-monitor - print endpoints appearing and disappearing as the driver
 * announces them (netlink group "monitor" of the family "roc").
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

struct config {
	bool json;
	uint64_t count;		/* 0: forever */
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void print_help(void)
{
	static const struct help_opt opts[] = {
		{ "-n, --count=N", "exit after N events" },
		{ "-j, --json", "print one JSON object per line" },
		{ "-h, --help", "print this help and exit" },
		{ "-v, --version", "print the version and exit" },
		{ NULL, NULL },
	};

	printf("Usage: %s [OPTIONS]\n", get_prog_name());
	printf("\nWait for CRU and C-RORC endpoints to appear or go, and print one line\n"
	       "per event until interrupted (SIGINT, SIGTERM) or N events were seen:\n"
	       "  EVENT NAME TYPE SERIAL ENDPOINT ADDRESS\n"
	       "EVENT is add or del, NAME rocN, SERIAL \"-\" when the card has none.\n");
	printf("\nOptions:\n");
	print_options(opts, NULL);
}

static void parse_config(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "count",	required_argument,	NULL,	'n' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "json",	no_argument,		NULL,	'j' },
		{ "version",	no_argument,		NULL,	'v' },
		{ NULL, 0, NULL, 0 },
	};
	static const char shortopts[] = "+:hjn:v";
	int opt;

	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) >= 0) {
		switch (opt) {
		case 'n':
			cfg->count = parse_value_or_die("--count", optarg,
							UINT32_MAX);
			if (!cfg->count)
				die_usage("--count: at least 1");
			break;
		default:
			if (!parse_std_option(opt, &cfg->json, print_help))
				die_bad_option(opt, argv);
		}
	}
	check_no_operands(argc, argv);
}

static void print_event(const struct config *cfg, const struct roc_event *ev)
{
	const struct roc_card_info *info = roc_event_get_card_info(ev);
	const char *type = roc_event_type_name(roc_event_get_type(ev));
	uint64_t ns = roc_event_get_timestamp_ns(ev);
	char serial[16] = "-";
	json_object *o;

	if (cfg->json) {
		o = card_info_json(info, NULL);
		json_object_object_add(o, "event", json_object_new_string(type));
		json_object_object_add(o, "name",
				       json_object_new_string(roc_card_info_get_name(info)));
		json_object_object_add(o, "time",
				       json_double(ns / 1e9, "%.6f"));
		print_json(o, false);
	} else {
		if (roc_card_info_get_serial(info) >= 0)
			snprintf(serial, sizeof(serial), "%d",
				 roc_card_info_get_serial(info));
		printf("%s %s %s %s %u %s\n", type, roc_card_info_get_name(info),
		       roc_type_name(roc_card_info_get_type(info)), serial,
		       roc_card_info_get_endpoint(info),
		       roc_card_info_get_address(info));
	}
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct config cfg = { 0 };
	struct roc_monitor *mon;
	struct roc_event *ev;
	sigset_t block, orig;
	struct pollfd pfd;
	uint64_t seen = 0;
	int ret;

	set_prog_name(argv[0]);
	parse_config(argc, argv, &cfg);

	/* Signals arrive only inside ppoll(), so none is missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &orig);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (roc_monitor_new(&mon))
		die_lib();
	pfd.fd = roc_monitor_get_fd(mon);
	pfd.events = POLLIN;

	while (!stop_signal && (!cfg.count || seen < cfg.count)) {
		ret = roc_monitor_read_event(mon, 0, &ev);
		if (!ret) {
			print_event(&cfg, ev);
			roc_event_free(ev);
			seen++;
			continue;
		}
		if (ret == -ENOBUFS) {
			print_error("%s", roc_strerror_last());
			continue;
		}
		if (ret != -EAGAIN) {
			roc_monitor_free(mon);
			die_lib();
		}
		if (ppoll(&pfd, 1, NULL, &orig) < 0 && errno != EINTR) {
			roc_monitor_free(mon);
			die("poll: %s", strerror(errno));
		}
	}
	roc_monitor_free(mon);
	return EXIT_SUCCESS;
}
