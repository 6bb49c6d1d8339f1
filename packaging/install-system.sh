#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# packaging/install-system.sh DESTDIR - the system integration files of roc,
# shared by debian/rules and packaging/roc.spec.  The directories come from
# the environment (defaults: EL9 and Debian 13):
#
#   UDEVRULESDIR    60-roc.rules                   /usr/lib/udev/rules.d
#   SYSUSERSDIR     roc.conf: the group roc         /usr/lib/sysusers.d
#   MODULESLOADDIR  roc.conf: load roc at boot      /usr/lib/modules-load.d
#   UNITDIR         roc-metrics.{service,timer},    /usr/lib/systemd/system
#                   roc-metrics-http{.socket,@.service}
#   LIBEXECDIR      roc-metrics-textfile, -http     /usr/libexec/roc
#   SYSCONFDIR      roc/fw-list.ini (conffile)      /etc
#   DATADIR         roc/clock-maps/                 /usr/share
#   TEXTFILEDIR     the node exporter's textfile directory
#                                                   /var/lib/prometheus/node-exporter
set -eu
d=$1
top=$(dirname "$0")/..
: "${UDEVRULESDIR:=/usr/lib/udev/rules.d}"
: "${SYSUSERSDIR:=/usr/lib/sysusers.d}"
: "${MODULESLOADDIR:=/usr/lib/modules-load.d}"
: "${UNITDIR:=/usr/lib/systemd/system}"
: "${LIBEXECDIR:=/usr/libexec/roc}"
: "${SYSCONFDIR:=/etc}"
: "${DATADIR:=/usr/share}"
: "${TEXTFILEDIR:=/var/lib/prometheus/node-exporter}"

install -D -m 0644 "$top/udev/60-roc.rules" "$d$UDEVRULESDIR/60-roc.rules"
install -D -m 0644 "$top/packaging/sysusers.conf" "$d$SYSUSERSDIR/roc.conf"
install -D -m 0644 "$top/packaging/modules-load.conf" "$d$MODULESLOADDIR/roc.conf"
install -D -m 0644 "$top/packaging/fw-list.ini" "$d$SYSCONFDIR/roc/fw-list.ini"
install -d "$d$DATADIR/roc/clock-maps" "$d$TEXTFILEDIR"
install -m 0644 "$top/packaging/clock-maps.README" "$d$DATADIR/roc/clock-maps/README"
install -d "$d$UNITDIR" "$d$LIBEXECDIR"
for u in roc-metrics.service roc-metrics-http@.service; do
	sed "s|@LIBEXECDIR@|$LIBEXECDIR|g; s|@TEXTFILEDIR@|$TEXTFILEDIR|g" \
		"$top/packaging/systemd/$u.in" >"$d$UNITDIR/$u"
	chmod 0644 "$d$UNITDIR/$u"
done
install -m 0644 "$top/packaging/systemd/roc-metrics.timer" \
	"$top/packaging/systemd/roc-metrics-http.socket" "$d$UNITDIR/"
install -m 0755 "$top/packaging/roc-metrics-textfile" \
	"$top/packaging/roc-metrics-http" "$d$LIBEXECDIR/"
