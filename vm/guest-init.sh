#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the guest after switch_root (vm/init): run /mnt/rocout/cmd.sh,
# leave its output, exit status and the kernel log in /mnt/rocout, power off.
export HOME=/root TERM=dumb LANG=C.UTF-8 ROC_GUEST=1
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cd /
bash -c '. /mnt/rocout/cmd.sh' </dev/null 2>&1 | tee /mnt/rocout/output.log
rc=${PIPESTATUS[0]}
dmesg >/mnt/rocout/dmesg.txt 2>&1
echo "$rc" >/mnt/rocout/exit-status
sync
umount /mnt/rocout 2>/dev/null
echo o >/proc/sysrq-trigger
sleep 10
