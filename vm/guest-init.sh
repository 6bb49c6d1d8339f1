#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the guest after switch_root (vm/init): run /mnt/rocout/cmd.sh,
# leave its output, exit status and the kernel log in /mnt/rocout, power off.
#
# The checkout (its path in /mnt/rocout/top, written by vm/run.sh) is bound
# again at its own path when the guest's tmpfs mounts hide it (a clone under
# /tmp), and at /mnt/roc-tree, where every user can reach it even when a
# directory above the checkout is private (a clone in root's home, 0700):
# cmd.sh runs from there, so that tests that run tools as an unprivileged
# user find them.
export HOME=/root TERM=dumb LANG=C.UTF-8 ROC_GUEST=1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cd /
if [ -s /mnt/rocout/top ]; then
	top=$(cat /mnt/rocout/top)
	# the host's root without the guest's tmpfs mounts (a bind is not
	# recursive)
	mkdir -p /mnt/host && mount --bind / /mnt/host
	if [ ! -d "$top/vm" ] && [ -d "/mnt/host$top/vm" ]; then
		mkdir -p "$top" && mount --bind "/mnt/host$top" "$top"
	fi
	mkdir -p /mnt/roc-tree && mount --bind "/mnt/host$top" /mnt/roc-tree
fi
# What roc.ko links against that Debian's kernels build as modules (MTD, for
# the C-RORC flash) and i2c-dev (i2c-tools on the CRU's adapters); built in on
# the debug kernel.  Every guest command (make run, the lanes, make bench,
# the stress runs) insmods roc.ko from the build tree, where modprobe cannot
# resolve its dependencies.
modprobe -q -a i2c-dev mtd 2>/dev/null
bash -c '. /mnt/rocout/cmd.sh' </dev/null 2>&1 | tee /mnt/rocout/output.log
rc=${PIPESTATUS[0]}
dmesg >/mnt/rocout/dmesg.txt 2>&1
echo "$rc" >/mnt/rocout/exit-status
sync
umount /mnt/rocout 2>/dev/null
echo o >/proc/sysrq-trigger
sleep 10
