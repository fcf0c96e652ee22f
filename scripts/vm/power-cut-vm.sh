#!/usr/bin/env bash
# power-cut-vm.sh - real power cuts: boot a Debian 12 kernel under qemu with a virtio disk and a
# network link to the host, run a host command in it, and SIGKILL qemu at a random moment; boot
# again on the same disk, CUTS times, then once more without a cut.
#
# A sibling of run-gpio-sim-vm.sh (same kernel package, same host-/-over-9p chroot, same $WORK
# cache of downloads), without gpio-sim. The power-cut test (Tests/FaultTests/PowerCutVMTests.swift)
# runs it with --host-cmd "python3 scripts/vm/power-cut-guest.py KIOSKD KIOSKCTL CONFIG".
#
# Why SIGKILL of qemu is a power cut for the guest: the disk is a raw image attached with
# cache=writeback, so what qemu wrote is in the host's page cache and survives qemu's death;
# what the guest had not written out yet (its own page cache, dirty for up to 30 s) dies with
# the guest's memory. A guest flush (fdatasync, a journal commit) is a host fdatasync.
#
# Guest: the host's / read-only over 9p at /host, chrooted into; a tmpfs at /run (HOME and
# TMPDIR in it); the disk (ext4, made by the caller) mounted read-write at /run/disk; eth0 is
# 10.0.2.15/24 on qemu's user network, where 10.0.2.2 is the host's loopback (a broker on
# 127.0.0.1:PORT on the host is 10.0.2.2:PORT in the guest). The command sees POWERCUT_BOOT
# (0, 1, …), POWERCUT_FINAL (1 on the last boot, which is never cut) and POWERCUT_DISK.
#
# The cut: once the command prints a line "POWERCUT ARMED" on the console, the host waits a
# random 0…MAX_DELAY ms (bash $RANDOM seeded with --seed) and sends SIGKILL to qemu. A boot that
# does not arm within --arm-timeout s fails the run. The final boot must print
# "POWERCUT-VM RESULT: rc=0" (the command's exit status) within --timeout s.
#
# Usage:
#   power-cut-vm.sh --disk IMG --host-cmd CMD [--cuts N] [--seed S] [--max-delay MS]
#                   [--accel auto|kvm|tcg] [--arm-timeout SEC] [--timeout SEC]
#   env: WORK (default .build/gpio-vm of the repository), MEM (guest MiB, default 768),
#        POWERCUT_KEEP_RUN=1 keeps the run's folder in WORK (initramfs, last console) to debug.
# Prints one "power-cut-vm: boot I: …" line per boot (and the guest's "POWERCUT LOG" lines), the
# final boot's console, and at the end
# "power-cut-vm: N cuts, final rc=R, boot-to-armed avg A s, accel X"; exits non-zero on any failure.
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin

WORK=${WORK:-$(cd "$(dirname "$0")/../.." && pwd)/.build/gpio-vm}
ACCEL=auto
CUTS=20
SEED=$$
MAX_DELAY=3000
ARM_TIMEOUT=120
TIMEOUT=300
DISK=""
HOSTCMD=""
MEM=${MEM:-768}
while [ $# -gt 0 ]; do
  case "$1" in
    --disk) DISK=$(readlink -f "$2"); shift 2 ;;
    --host-cmd) HOSTCMD=$2; shift 2 ;;
    --cuts) CUTS=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --max-delay) MAX_DELAY=$2; shift 2 ;;
    --accel) ACCEL=$2; shift 2 ;;
    --arm-timeout) ARM_TIMEOUT=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$DISK" ] && [ -n "$HOSTCMD" ] || { echo "usage: power-cut-vm.sh --disk IMG --host-cmd CMD [--cuts N] [--seed S]" >&2; exit 2; }
RANDOM=$SEED

log() { printf '[power-cut-vm %s] %s\n' "$(date +%T)" "$*" >&2; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
mkdir -p "$WORK"
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- packages (only when missing)
if ! command -v qemu-system-x86_64 >/dev/null || [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1 || ! command -v cpio >/dev/null ||
   ! command -v depmod >/dev/null || ! command -v mkfs.ext4 >/dev/null; then
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -720 2>/dev/null | head -1)" ]; then
    apt-get update -qq -o DPkg::Lock::Timeout=300
  fi
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
    qemu-system-x86 busybox-static kmod cpio gzip e2fsprogs >/dev/null
fi

# ---------------------------------------------------------------- kernel (the gpio VM's package)
t=$(now)
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
KVER_DEB=$(apt-cache policy "$KPKG" | awk '/Candidate:/{print $2}')
KREL=${KPKG#linux-image-}
[ -n "$KPKG" ] && [ -n "$KVER_DEB" ] || { log "cannot resolve linux-image-amd64 (apt lists missing?)"; exit 1; }
KDIR=$WORK/powercut-kernel-$KVER_DEB
MODS="virtio_pci virtio_blk virtio_net crc32c_generic ext4 9pnet_virtio 9p"
if [ ! -f "$KDIR/.done" ]; then
  rm -rf "$KDIR"; mkdir -p "$KDIR"
  # the gpio VM's download once it finished it (its kernel folder is done), else our own
  DEB=$WORK/debs/${KPKG}_${KVER_DEB}_amd64.deb
  [ -f "$WORK/kernel-$KVER_DEB/.done-input" ] || { mkdir -p "$WORK/powercut-debs"; DEB=$WORK/powercut-debs/${DEB##*/}; }
  [ -f "$DEB" ] || (cd "$(dirname "$DEB")" && apt-get download -qq "$KPKG=$KVER_DEB" 2>&1 | grep -v unsandboxed || true)
  [ -f "$DEB" ] || { log "could not download $KPKG=$KVER_DEB"; exit 1; }
  M=./lib/modules/$KREL
  dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$KDIR" ./boot "$M/modules.order" "$M/modules.builtin" \
    "$M/modules.builtin.modinfo" "$M/kernel/fs" "$M/kernel/net/9p" "$M/kernel/net/core" \
    "$M/kernel/drivers/virtio" "$M/kernel/drivers/block/virtio_blk.ko" "$M/kernel/drivers/net/virtio_net.ko" \
    "$M/kernel/drivers/net/net_failover.ko" "$M/kernel/lib" "$M/kernel/crypto" "$M/kernel/arch/x86/crypto" || true
  [ -f "$KDIR/boot/vmlinuz-$KREL" ] || { log "no vmlinuz in $KPKG"; exit 1; }
  depmod -b "$KDIR" "$KREL"
  touch "$KDIR/.done"
fi
# The uncompressed kernel (an ELF with a PVH entry point, CONFIG_PVH=y) boots without the
# xz decompression that takes 3-4 s under TCG; qemu falls back to the bzImage if there is none.
VMLINUZ=$KDIR/boot/vmlinuz-$KREL
if [ ! -f "$KDIR/vmlinux" ] && grep -q '^CONFIG_PVH=y' "$KDIR/boot/config-$KREL"; then
  python3 - "$VMLINUZ" "$KDIR/vmlinux.tmp" <<'PY' && mv "$KDIR/vmlinux.tmp" "$KDIR/vmlinux" || log "no PVH kernel: booting the bzImage"
import lzma, sys
data = open(sys.argv[1], "rb").read()
out = lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(data[data.find(b"\xfd7zXZ\x00"):])
sys.exit(0 if out[:4] == b"\x7fELF" and open(sys.argv[2], "wb").write(out) else 1)
PY
fi
[ -f "$KDIR/vmlinux" ] && VMLINUZ=$KDIR/vmlinux
log "kernel $KPKG $KVER_DEB ready ($(since "$t") s)"

# ---------------------------------------------------------------- initramfs (built once per run)
RUN=$(mktemp -d "$WORK/powercut.XXXXXX")
QPID=""
cleanup() {
  if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then kill -KILL "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null || true; fi
  [ -n "${POWERCUT_KEEP_RUN:-}" ] || rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ST=$RUN/initramfs
mkdir -p "$ST"/{bin,dev,proc,sys,tmp,host,lib/modules/"$KREL"}
cp /bin/busybox "$ST/bin/busybox"
for a in $("$ST/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$ST/bin/$a"; done
mknod -m 600 "$ST/dev/console" c 5 1
mknod -m 666 "$ST/dev/null" c 1 3
# each module with everything it depends on, as modprobe on the extracted tree resolves it
for m in $MODS; do
  modprobe -d "$KDIR" -S "$KREL" --show-depends "$m" | awk '$1 == "insmod" {print $2}'
done | sort -u | while read -r ko; do
  rel=${ko#"$KDIR"}
  mkdir -p "$ST$(dirname "$rel")"; cp "$ko" "$ST$rel"
done
cp "$KDIR/lib/modules/$KREL"/modules.{order,builtin,builtin.modinfo} "$ST/lib/modules/$KREL/"
depmod -b "$ST" "$KREL"
printf 'cd %q || exit 1\n%s\n' "$PWD" "$HOSTCMD" > "$ST/hostcmd.sh"
cat > "$ST/init" <<'INIT'
#!/bin/sh
# Guest side: PID 1 from the initramfs.
export PATH=/bin LD_LIBRARY_PATH=
mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t tmpfs tmp /tmp
BOOT=$(sed -n 's/.*powercut.boot=\([0-9]*\).*/\1/p' /proc/cmdline)
FINAL=$(sed -n 's/.*powercut.final=\([01]\).*/\1/p' /proc/cmdline)
echo "POWERCUT-VM BOOTED: boot $BOOT, kernel $(uname -r), uptime $(cut -d' ' -f1 /proc/uptime) s"
finish() { echo "POWERCUT-VM RESULT: rc=$1 (uptime $(cut -d' ' -f1 /proc/uptime) s)"; sync; poweroff -f; sleep 10; }
for m in virtio_pci virtio_blk virtio_net crc32c_generic ext4 9pnet_virtio 9p; do modprobe $m || echo "modprobe $m failed"; done
ip link set lo up
ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up && ip route add default via 10.0.2.2 || finish "no-network"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288,cache=loose,ro hostroot /host || finish "no-host-root"
mount -t devtmpfs dev /host/dev; mount -t proc proc /host/proc; mount -t sysfs sys /host/sys
mount -t tmpfs run /host/run && mkdir -p /host/run/home /host/run/tmp /host/run/disk
mount -t ext4 /dev/vda /host/run/disk || finish "no-disk"
echo "POWERCUT-VM DISK: uptime $(cut -d' ' -f1 /proc/uptime) s; $(dmesg | grep -E 'EXT4-fs \(vda\)' | tail -2 | tr '\n' ' ')"
cp /hostcmd.sh /host/run/hostcmd.sh
chroot /host /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/run/home TMPDIR=/run/tmp \
  POWERCUT_BOOT=$BOOT POWERCUT_FINAL=$FINAL POWERCUT_DISK=/run/disk /bin/sh /run/hostcmd.sh
rc=$?
umount /host/run/disk || rc="umount-failed"
finish $rc
INIT
chmod +x "$ST/init"
INITRD=$RUN/initrd.gz
(cd "$ST" && find . | cpio -o -H newc --quiet | gzip -1) > "$INITRD"

# ---------------------------------------------------------------- boots
if [ "$ACCEL" = auto ]; then
  # kvm_pvm (a paravirtual nested KVM) cannot run a stock kernel: TCG there (see run-gpio-sim-vm.sh)
  if [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then ACCEL=kvm; else ACCEL=tcg; fi
fi
CONSOLE=$RUN/console.log

# start_vm BOOT FINAL: qemu in the background (its own pid in QPID: SIGKILL must reach qemu itself)
start_vm() {
  local acc
  if [ "$ACCEL" = kvm ]; then acc=(-enable-kvm -cpu host); else acc=(-accel tcg -cpu max); fi
  : > "$CONSOLE"
  qemu-system-x86_64 "${acc[@]}" -m "$MEM" -smp 1 -no-reboot -nodefaults -display none -serial stdio \
    -kernel "$VMLINUZ" -initrd "$INITRD" -append "console=ttyS0 quiet panic=-1 powercut.boot=$1 powercut.final=$2" \
    -drive "file=$DISK,if=virtio,format=raw,cache=writeback" \
    -nic user,model=virtio-net-pci \
    -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap,id=hostroot" \
    </dev/null >"$CONSOLE" 2>&1 &
  QPID=$!
}

# wait_for PATTERN SECONDS: 0 once the console shows PATTERN, 1 on timeout or qemu's exit
wait_for() {
  local end; end=$(awk -v a="$(now)" -v s="$2" 'BEGIN{printf "%.2f", a+s}')
  while awk -v a="$(now)" -v e="$end" 'BEGIN{exit !(a < e)}'; do
    grep -qa "$1" "$CONSOLE" && return 0
    kill -0 "$PPID" 2>/dev/null || { log "whoever started us is gone; stopping"; exit 1; }
    kill -0 "$QPID" 2>/dev/null || { grep -qa "$1" "$CONSOLE"; return; }
    sleep 0.05
  done
  return 1
}

armed_total=0
for ((boot = 0; boot < CUTS; boot++)); do
  t=$(now)
  start_vm "$boot" 0
  if ! wait_for 'POWERCUT-VM BOOTED' 30 && [ "$ACCEL" = kvm ] && [ "$boot" = 0 ]; then
    # a /dev/kvm that cannot run this kernel (as run-gpio-sim-vm.sh found): software emulation
    log "KVM boot did not reach /init within 30 s; falling back to TCG"
    kill -KILL "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null || true
    ACCEL=tcg; t=$(now); start_vm "$boot" 0
  fi
  wait_for 'POWERCUT-VM BOOTED' "$ARM_TIMEOUT" || true
  kernel=$(since "$t")
  if ! wait_for 'POWERCUT ARMED' "$ARM_TIMEOUT"; then
    log "boot $boot did not arm within $ARM_TIMEOUT s; its console:"
    tr -d '\r' < "$CONSOLE" | tail -40 >&2
    echo "power-cut-vm: FAILED at boot $boot ($ACCEL)"
    exit 1
  fi
  armed=$(since "$t")
  armed_total=$(awk -v a="$armed_total" -v b="$armed" 'BEGIN{print a+b}')
  delay=$((RANDOM * 32768 + RANDOM)); delay=$((delay % (MAX_DELAY + 1)))
  sleep "$(awk -v d="$delay" 'BEGIN{printf "%.3f", d/1000}')"
  kill -KILL "$QPID"; wait "$QPID" 2>/dev/null || true; QPID=""
  echo "power-cut-vm: boot $boot: armed after $armed s (init ran after $kernel s), cut $delay ms later; kioskd killed $(grep -ac '^POWERCUT KILLED' "$CONSOLE" || true) time(s) before ($(grep -ac '^POWERCUT KILLED.*after a segment roll' "$CONSOLE" || true) right after a roll); guest said: $(tr -d '\r' < "$CONSOLE" | grep -a '^POWERCUT UP' | tail -1)"
  tr -d '\r' < "$CONSOLE" | grep -a '^POWERCUT LOG' || true
done

t=$(now)
start_vm "$CUTS" 1
wait_for 'POWERCUT-VM RESULT' "$TIMEOUT" || true
if kill -0 "$QPID" 2>/dev/null; then
  sleep 2; kill -KILL "$QPID" 2>/dev/null || true
fi
wait "$QPID" 2>/dev/null || true; QPID=""
tr -d '\r' < "$CONSOLE" | sed -n '/POWERCUT-VM BOOTED/,$p'
RC=$(tr -d '\r' < "$CONSOLE" | sed -n 's/^POWERCUT-VM RESULT: rc=\([^ ]*\).*/\1/p' | tail -1)
echo "power-cut-vm: $CUTS cuts, final rc=${RC:-none} after $(since "$t") s, boot-to-armed avg $(awk -v a="$armed_total" -v n="$CUTS" 'BEGIN{printf "%.1f", n ? a/n : 0}') s, accel $ACCEL"
[ "$RC" = 0 ]
