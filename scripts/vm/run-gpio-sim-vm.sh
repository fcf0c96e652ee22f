#!/usr/bin/env bash
# run-gpio-sim-vm.sh - exercise a REAL Linux GPIO character device (gpio-sim)
# through libgpiod by booting a Debian 12 kernel under qemu.
#
# kiosk-agent's copy of the team's recipe (../shared/gpio-vm), adapted: the cache (packages,
# kernel, gpio-sim.ko) lives in $WORK and each run gets its own folder under it, so runs do not
# share an initramfs or a console log; the simulated chip also has line 5 named "LED_NET".
# The LED test (Tests/IntegrationTests/GPIOSimLEDTests.swift) runs it with
# --host-cmd "python3 scripts/vm/led-checks.py KIOSKD KIOSKCTL".
#
# Works on a fresh Debian 12 (bookworm) x86_64 machine, as root, with only
# Debian's package mirror reachable. The host kernel needs no GPIO support:
# everything GPIO-related happens inside the guest kernel.
#
# What it does (each step is idempotent; downloads/builds are cached in $WORK):
#   1. apt-get install qemu, busybox-static, gpiod, libgpiod-dev, kmod, cpio, and
#      the linux-headers matching the current bookworm kernel ABI.
#   2. Resolve linux-image-amd64 -> real image package (e.g. linux-image-6.1.0-56-amd64),
#      `apt-get download` it and `dpkg-deb -x` it into $WORK (NOT installed into /).
#   3. Debian's bookworm kernel has CONFIG_GPIO_SIM and CONFIG_GPIO_MOCKUP unset
#      (and CONFIG_IRQ_SIM unset), so gpio-sim is built OUT OF TREE from the
#      matching linux-source-6.1 package, with kernel/irq/irq_sim.c compiled into
#      the same module (one line patched: irq_to_desc() is not exported).
#      If the kernel config has CONFIG_GPIO_SIM=m the packaged module is used
#      instead (code path not exercised: no bookworm kernel has it).
#   4. Build an initramfs: busybox-static + configfs/9p modules + gpio-sim.ko +
#      gpiod tools (+ shared libs found by ldd) + optional extra test programs.
#   5. Boot it with qemu, the guest /init creates a simulated chip through
#      configfs and runs the checks, then powers off. Accel: KVM when /dev/kvm is
#      a normal KVM; TCG (software, ~6 s) when it is kvm_pvm (as on some
#      CI machines, where KVM cannot run a stock kernel) or when a KVM
#      boot does not reach /init within 30 s.
#   6. Parse the serial console log; print "N passed, M failed"; exit non-zero on
#      any failure, missing result, or timeout.
#
# Usage:
#   run-gpio-sim-vm.sh [--accel auto|kvm|tcg] [--extra PROG]... [--share DIR] [--timeout SEC]
#     --extra PROG   copy a host-built dynamically linked program (and its ldd libs)
#                    into the initramfs; the guest runs `PROG <chip-name> <sysfs-chip-dir>`
#                    and counts its exit status (it may also print GPIOTEST PASS/FAIL lines).
#     --share DIR    share DIR with the guest over 9p/virtio (qemu -virtfs); if
#                    DIR/run-in-vm.sh exists the guest runs it the same way.
#     --host-cmd CMD share the host's whole / READ-ONLY over 9p, chroot into it in the
#                    guest and run CMD (sh -c) from the current directory, with
#                    GPIO_SIM_CHIP=<chip-name> GPIO_SIM_SYSFS=<sysfs-chip-dir> set and
#                    HOME/TMPDIR on a guest tmpfs. Host-built programs (e.g. a Swift
#                    .xctest bundle) then run unmodified with the host's libraries.
#   env: WORK (default .build/gpio-vm of the repository), MEM (guest MiB, default 1024)
#   The first run fills the cache in WORK; two runs at once with an empty cache would race.
set -euo pipefail
export PATH=$PATH:/usr/sbin:/sbin        # depmod lives in /usr/sbin

WORK=${WORK:-$(cd "$(dirname "$0")/../.." && pwd)/.build/gpio-vm}
ACCEL=auto
TIMEOUT=300
EXTRA=()
SHARE=""
HOSTCMD=""
MEM=${MEM:-1024}
while [ $# -gt 0 ]; do
  case "$1" in
    --accel) ACCEL=$2; shift 2 ;;
    --extra) EXTRA+=("$(readlink -f "$2")"); shift 2 ;;
    --share) SHARE=$(readlink -f "$2"); shift 2 ;;
    --host-cmd) HOSTCMD=$2; shift 2 ;;
    --timeout) TIMEOUT=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

log() { printf '[gpio-vm %s] %s\n' "$(date +%T)" "$*" >&2; }
T0=$(date +%s.%N)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}'; }
mkdir -p "$WORK/debs"
export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- 1. packages
t=$(date +%s.%N)
# apt-cache needs fresh lists on a new machine; only update when they are old/missing.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -720 2>/dev/null | head -1)" ]; then
  apt-get update -qq -o DPkg::Lock::Timeout=300
fi
# The real kernel image package behind the metapackage, e.g. linux-image-6.1.0-56-amd64
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
KVER_DEB=$(apt-cache policy "$KPKG" | awk '/Candidate:/{print $2}')   # e.g. 6.1.192-2
KREL=${KPKG#linux-image-}                                           # e.g. 6.1.0-56-amd64
KSERIES=$(echo "$KVER_DEB" | cut -d. -f1,2)                          # e.g. 6.1
log "kernel package: $KPKG $KVER_DEB (uname -r in guest: $KREL)"
apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
  qemu-system-x86 busybox-static gpiod libgpiod-dev kmod cpio gzip xz-utils \
  make gcc "linux-headers-$KREL=$KVER_DEB" >/dev/null
log "packages installed ($(since "$t") s)"

# ---------------------------------------------------------------- 2. kernel
t=$(date +%s.%N)
KDIR=$WORK/kernel-$KVER_DEB
if [ ! -f "$KDIR/.done-input" ]; then   # (.done-input: the cache also holds the input modules)
  rm -rf "$KDIR"; mkdir -p "$KDIR"
  # apt-get download runs as _apt; a root-only folder just gives a harmless warning.
  (cd "$WORK/debs" && apt-get download -qq "$KPKG=$KVER_DEB" 2>&1 | grep -v unsandboxed || true)
  # only what we need (the full tree is ~400 MB): vmlinuz, config, a few modules
  dpkg-deb --fsys-tarfile "$WORK/debs/${KPKG}_${KVER_DEB}_amd64.deb" | tar -x -C "$KDIR" \
    ./boot "./lib/modules/$KREL/modules.order" "./lib/modules/$KREL/modules.builtin" \
    "./lib/modules/$KREL/modules.builtin.modinfo" "./lib/modules/$KREL/kernel/fs" \
    "./lib/modules/$KREL/kernel/net/9p" "./lib/modules/$KREL/kernel/drivers/virtio" \
    "./lib/modules/$KREL/kernel/drivers/gpio" "./lib/modules/$KREL/kernel/drivers/input" || true   # tolerate a missing folder
  [ -f "$KDIR/boot/vmlinuz-$KREL" ] || { log "no vmlinuz in $KPKG"; exit 1; }
  touch "$KDIR/.done-input"
fi
VMLINUZ=$KDIR/boot/vmlinuz-$KREL
KCONFIG=$KDIR/boot/config-$KREL
MODDIR=$KDIR/lib/modules/$KREL
log "kernel config flags:"
grep -E '^(# )?CONFIG_(GPIO_SIM|GPIO_MOCKUP|CONFIGFS_FS|GPIO_CDEV|GPIO_CDEV_V1|IRQ_SIM|9P_FS|NET_9P_VIRTIO)[= ]' "$KCONFIG" | sed 's/^/    /' >&2 || true
grep -q '^CONFIG_GPIO_CDEV_V1=y' "$KCONFIG" || { log "CONFIG_GPIO_CDEV_V1 missing: libgpiod 1.6 needs the v1 uAPI"; exit 1; }
log "kernel ready ($(since "$t") s)"

# ---------------------------------------------------------------- 3. gpio-sim.ko
t=$(date +%s.%N)
SIMKO=""
if grep -q '^CONFIG_GPIO_SIM=m' "$KCONFIG"; then
  SIMKO=$(find "$MODDIR" -name 'gpio-sim.ko*' | head -1)
  log "using in-tree gpio-sim: $SIMKO"
else
  OOT=$WORK/gpio-sim-oot-$KVER_DEB
  if [ ! -f "$OOT/gpio-sim.ko" ]; then
    rm -rf "$OOT"; mkdir -p "$OOT"
    SRCDEB=$WORK/debs/linux-source-${KSERIES}_${KVER_DEB}_all.deb
    # The source MUST be the same version as the image: gpio-sim.c includes the
    # private drivers/gpio/gpiolib.h and pokes into struct gpio_device.
    [ -f "$SRCDEB" ] || (cd "$WORK/debs" && apt-get download -qq "linux-source-$KSERIES=$KVER_DEB" 2>&1 | grep -v unsandboxed || true)
    dpkg-deb --fsys-tarfile "$SRCDEB" | tar -xO "./usr/src/linux-source-$KSERIES.tar.xz" \
      | xz -dc | tar -x -C "$OOT" --strip-components=1 \
          "linux-source-$KSERIES/drivers/gpio/gpio-sim.c" \
          "linux-source-$KSERIES/drivers/gpio/gpiolib.h" \
          "linux-source-$KSERIES/kernel/irq/irq_sim.c"
    mv "$OOT/drivers/gpio/gpio-sim.c" "$OOT/gpio-sim-main.c"
    mv "$OOT/drivers/gpio/gpiolib.h" "$OOT/kernel/irq/irq_sim.c" "$OOT/"
    # irq_sim.c calls handle_simple_irq(irq_to_desc(irq)); irq_to_desc is not
    # exported to modules, generic_handle_domain_irq() does the same and is.
    sed -i 's|handle_simple_irq(irq_to_desc(irqnum));|generic_handle_domain_irq(work_ctx->domain, offset);|;
            /irqnum = irq_find_mapping(work_ctx->domain, offset);/d; /^\tint irqnum;$/d' "$OOT/irq_sim.c"
    grep -q generic_handle_domain_irq "$OOT/irq_sim.c" || { log "irq_sim.c patch did not apply"; exit 1; }
    printf 'obj-m := gpio-sim.o\ngpio-sim-y := gpio-sim-main.o irq_sim.o\n' > "$OOT/Kbuild"
    make -s -C "/usr/src/linux-headers-$KREL" M="$OOT" modules 2>&1 | grep -v 'Skipping BTF' >&2 || true
    [ -f "$OOT/gpio-sim.ko" ] || { log "gpio-sim.ko build failed"; exit 1; }
  fi
  SIMKO=$OOT/gpio-sim.ko
  log "using out-of-tree gpio-sim: $SIMKO ($(since "$t") s)"
fi

# ---------------------------------------------------------------- 4. initramfs
t=$(date +%s.%N)
RUN=$(mktemp -d "$WORK/run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
ST=$RUN/initramfs
mkdir -p "$ST"/{bin,dev,proc,sys,mnt,tmp,opt/tests,lib/modules/"$KREL"/extra}
cp /bin/busybox "$ST/bin/busybox"
for a in $("$ST/bin/busybox" --list); do [ "$a" = busybox ] || ln -s busybox "$ST/bin/$a"; done   # the list includes "busybox" itself
mknod -m 600 "$ST/dev/console" c 5 1    # so /init has a console before devtmpfs
mknod -m 666 "$ST/dev/null" c 1 3

# copy a file and (for ELF programs) every shared library ldd reports, same paths
copy_with_libs() {
  local f=$1 dest=$2
  mkdir -p "$ST$(dirname "$dest")"; cp -L "$f" "$ST$dest"
  # (scripts and static binaries have no libs: ldd fails, grep matches nothing)
  { ldd "$f" 2>/dev/null || true; } | { grep -oE '/[^ ]+\.so[^ ]*' || true; } | sort -u |
  while read -r lib; do
    [ -e "$ST$lib" ] || { mkdir -p "$ST$(dirname "$lib")"; cp -L "$lib" "$ST$lib"; }
  done
}
for tool in gpiodetect gpioinfo gpioget gpioset gpiomon gpiofind; do
  copy_with_libs "/usr/bin/$tool" "/bin/$tool"
done
for p in "${EXTRA[@]}"; do copy_with_libs "$p" "/opt/tests/$(basename "$p")"; done

# kernel modules: configfs (gpio-sim dep) + 9p over virtio (only for --share)
MODS="fs/configfs/configfs.ko"
[ -n "$SHARE$HOSTCMD" ] && MODS="$MODS net/9p/9pnet.ko net/9p/9pnet_virtio.ko fs/9p/9p.ko fs/netfs/netfs.ko
  fs/fscache/fscache.ko drivers/virtio/virtio.ko drivers/virtio/virtio_ring.ko drivers/virtio/virtio_pci.ko
  drivers/virtio/virtio_pci_modern_dev.ko drivers/virtio/virtio_pci_legacy_dev.ko"
# evdev and uinput: a virtual keyboard for the session input test (scripts/vm/input-checks.py)
MODS="$MODS drivers/input/evdev.ko drivers/input/misc/uinput.ko"
for m in $MODS; do
  [ -f "$MODDIR/kernel/$m" ] || continue      # may be built in on other kernels
  mkdir -p "$ST/lib/modules/$KREL/kernel/$(dirname "$m")"
  cp "$MODDIR/kernel/$m" "$ST/lib/modules/$KREL/kernel/$m"
done
cp "$SIMKO" "$ST/lib/modules/$KREL/extra/gpio-sim.ko"
if [ -n "$HOSTCMD" ]; then
  # run inside the chroot (host / over 9p); quoted here so no kernel-cmdline quoting issues
  printf 'cd %q || exit 1\n%s\n' "$PWD" "$HOSTCMD" > "$ST/hostcmd.sh"
fi
cp "$MODDIR"/modules.{order,builtin,builtin.modinfo} "$ST/lib/modules/$KREL/" 2>/dev/null || true
depmod -b "$ST" "$KREL"          # modules.dep for busybox modprobe

cat > "$ST/init" <<'INIT'
#!/bin/sh
# Guest side: runs as PID 1 from the initramfs.
export PATH=/bin LD_LIBRARY_PATH=
mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t tmpfs tmp /tmp
echo "GPIO-VM BOOTED: kernel $(uname -r), uptime $(cut -d' ' -f1 /proc/uptime) s"
pass=0; fail=0
ok()  { echo "GPIOTEST PASS: $*"; pass=$((pass+1)); }
bad() { echo "GPIOTEST FAIL: $*"; fail=$((fail+1)); }
chk() { name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
finish() {
  echo "GPIO-VM RESULT: $pass passed, $fail failed (uptime $(cut -d' ' -f1 /proc/uptime) s)"
  sync; poweroff -f; sleep 10
}

modprobe configfs && mount -t configfs none /sys/kernel/config
modprobe evdev 2>/dev/null; modprobe uinput 2>/dev/null   # built in on some kernels
chk "modprobe gpio-sim" modprobe gpio-sim
# an out-of-tree, unsigned module taints the kernel (harmless: no Secure Boot lockdown here)
echo "kernel taint flags: $(cat /proc/sys/kernel/tainted)"; dmesg | grep -iE 'gpio_sim|gpio-sim|verification' | tail -3
[ -d /sys/kernel/config/gpio-sim ] || { bad "configfs gpio-sim dir"; finish; }

# --- create a simulated chip: 1 bank, 8 lines, line 3 named "led0"
C=/sys/kernel/config/gpio-sim/chip0
mkdir $C $C/bank0
echo 8 > $C/bank0/num_lines
echo sim-bank0 > $C/bank0/label
mkdir $C/bank0/line3 && echo led0 > $C/bank0/line3/name
mkdir $C/bank0/line5 && echo LED_NET > $C/bank0/line5/name
echo 1 > $C/live
chk "chip live" test "$(cat $C/live)" = 1
DEV=$(cat $C/dev_name); CHIP=$(cat $C/bank0/chip_name)
SYS=/sys/devices/platform/$DEV/$CHIP
echo "sim device $DEV, chip $CHIP, sysfs $SYS"
chk "char device /dev/$CHIP" test -c /dev/$CHIP

# --- libgpiod tools
gpiodetect
chk "gpiodetect lists chip" sh -c "gpiodetect | grep -q '^$CHIP \[sim-bank0\] (8 lines)'"
gpioinfo $CHIP
chk "gpioinfo shows named line" sh -c "gpioinfo $CHIP | grep -qE 'line +3: +\"led0\" +unused'"
chk "gpiofind led0" test "$(gpiofind led0)" = "$CHIP 3"

# output: hold line 3 high with gpioset, the simulator must see it
gpioset --mode=signal $CHIP 3=1 & P=$!; sleep 0.3
chk "gpioset 3=1 -> sysfs value 1" test "$(cat $SYS/sim_gpio3/value)" = 1
gpioinfo $CHIP | grep -E 'line +3:'
chk "gpioinfo shows consumer gpioset" sh -c "gpioinfo $CHIP | grep -qE 'line +3: +\"led0\" +\"gpioset\" +output'"
kill $P; wait $P
gpioset --mode=signal $CHIP 3=0 & P=$!; sleep 0.3
chk "gpioset 3=0 -> sysfs value 0" test "$(cat $SYS/sim_gpio3/value)" = 0
kill $P; wait $P

# input: drive line 5 from the "outside" through the simulator's pull attribute
echo pull-up > $SYS/sim_gpio5/pull
chk "sysfs pull-up -> gpioget 1" test "$(gpioget $CHIP 5)" = 1
echo pull-down > $SYS/sim_gpio5/pull
chk "sysfs pull-down -> gpioget 0" test "$(gpioget $CHIP 5)" = 0
# bias requested through the uAPI reaches the simulator
chk "gpioget -B pull-up -> 1" test "$(gpioget -B pull-up $CHIP 6)" = 1
chk "gpioget -B pull-down -> 0" test "$(gpioget -B pull-down $CHIP 6)" = 0

# edge events (simulated irq chip)
timeout 5 gpiomon --num-events=1 --rising-edge $CHIP 4 > /tmp/mon.out & P=$!; sleep 0.3
echo pull-up > $SYS/sim_gpio4/pull
wait $P; cat /tmp/mon.out
chk "gpiomon sees rising edge" grep -q 'RISING EDGE offset: 4' /tmp/mon.out

# --- extra host-built programs packed into the initramfs
for p in /opt/tests/*; do
  [ -x "$p" ] || continue
  chk "extra program $(basename $p) exit 0" "$p" "$CHIP" "$SYS"
done

# --- optional 9p share from the host
if grep -q 'gpiovm.share=1' /proc/cmdline; then
  modprobe virtio_pci; modprobe 9pnet_virtio; modprobe 9p
  chk "mount 9p share" mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 hostshare /mnt
  if [ -x /mnt/run-in-vm.sh ]; then
    chk "share run-in-vm.sh exit 0" /mnt/run-in-vm.sh "$CHIP" "$SYS"
  fi
fi
# --- optional: the host's / (read-only) over 9p, run a host command in a chroot
if [ -f /hostcmd.sh ]; then
  modprobe virtio_pci; modprobe 9pnet_virtio; modprobe 9p
  mkdir -p /host
  if mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,ro hostroot /host; then
    ok "mount host / over 9p"
    mount -t devtmpfs dev /host/dev; mount -t proc proc /host/proc; mount -t sysfs sys /host/sys
    mount -t tmpfs tmp /host/run && mkdir -p /host/run/home /host/run/tmp   # writable HOME/TMPDIR
    cp /hostcmd.sh /host/run/hostcmd.sh
    chk "host command exit 0" chroot /host /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
        HOME=/run/home TMPDIR=/run/tmp GPIO_SIM_CHIP=$CHIP GPIO_SIM_SYSFS=$SYS /bin/sh /run/hostcmd.sh
  else
    bad "mount host / over 9p"
  fi
fi
finish
INIT
chmod +x "$ST/init"
INITRD=$RUN/initrd.gz
(cd "$ST" && find . | cpio -o -H newc --quiet | gzip -1) > "$INITRD"
log "initramfs $(du -h "$INITRD" | cut -f1) ($(since "$t") s)"

# ---------------------------------------------------------------- 5. boot
APPEND="console=ttyS0 quiet panic=-1"
SHARE_ARGS=()
if [ -n "$SHARE" ]; then
  # 9p over virtio: the guest mounts it with -t 9p -o trans=virtio (see /init)
  SHARE_ARGS=(-virtfs "local,path=$SHARE,mount_tag=hostshare,security_model=none,id=hostshare")
  APPEND="$APPEND gpiovm.share=1"
fi
if [ -n "$HOSTCMD" ]; then
  # multidevs=remap: / spans several host filesystems; avoids inode clashes (qemu warns otherwise)
  SHARE_ARGS+=(-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap,id=hostroot")
fi
CONSOLE_LOG=$RUN/console.log

# boot ACCEL WATCHDOG: run qemu, console -> $CONSOLE_LOG. With WATCHDOG>0 the VM
# is killed (rc 99) if the guest has not printed "GPIO-VM BOOTED" by then.
boot() {
  local accel=$1 watchdog=$2 acc
  if [ "$accel" = kvm ]; then acc=(-enable-kvm -cpu host); else acc=(-accel tcg -cpu max); fi
  : > "$CONSOLE_LOG"
  # -nodefaults: no NIC/iPXE ROM, no VGA; the serial port is the only console.
  timeout "$TIMEOUT" qemu-system-x86_64 "${acc[@]}" -m "$MEM" -smp 1 -no-reboot \
    -nodefaults -display none -serial stdio \
    -kernel "$VMLINUZ" -initrd "$INITRD" -append "$APPEND" "${SHARE_ARGS[@]}" \
    </dev/null >"$CONSOLE_LOG" 2>&1 &
  local qpid=$! i
  if [ "$watchdog" -gt 0 ]; then
    for ((i = 0; i < watchdog * 4; i++)); do
      grep -q 'GPIO-VM BOOTED' "$CONSOLE_LOG" && break
      kill -0 "$qpid" 2>/dev/null || break
      sleep 0.25
    done
    if ! grep -q 'GPIO-VM BOOTED' "$CONSOLE_LOG"; then
      kill "$qpid" 2>/dev/null; wait "$qpid" 2>/dev/null
      return 99
    fi
  fi
  wait "$qpid"
}

if [ "$ACCEL" = auto ]; then
  # /dev/kvm backed by kvm_pvm (a paravirtual nested KVM, as on some CI
  # machines) does not run a stock Debian kernel: it hangs right after the
  # real-mode setup, and "-cpu host" aborts (failed to set MSR 0x10a). Use TCG there.
  if [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ]; then ACCEL=kvm; else ACCEL=tcg; fi
fi
t=$(date +%s.%N)
set +e
if [ "$ACCEL" = kvm ]; then
  log "booting with kvm ..."
  boot kvm 30; QRC=$?
  if [ "$QRC" -ne 0 ] && ! grep -q 'GPIO-VM BOOTED' "$CONSOLE_LOG"; then
    log "KVM boot failed (rc=$QRC): $(grep -a -m1 -i 'error' "$CONSOLE_LOG" || true); falling back to TCG"
    ACCEL=tcg
  fi
fi
if [ "$ACCEL" = tcg ]; then
  log "booting with tcg (software emulation) ..."
  boot tcg 0; QRC=$?
fi
set -e
BOOT_S=$(since "$t")
if grep -q '^GPIO-VM RESULT:' "$CONSOLE_LOG"; then
  tr -d '\r' < "$CONSOLE_LOG" | sed -n '/GPIO-VM BOOTED/,$p'
else
  tr -d '\r' < "$CONSOLE_LOG" | tail -40          # boot/guest failure: show what we have
fi
log "qemu exited rc=$QRC after $BOOT_S s ($ACCEL)"

# ---------------------------------------------------------------- 6. verdict
P=$(grep -c '^GPIOTEST PASS' "$CONSOLE_LOG" || true)
F=$(grep -c '^GPIOTEST FAIL' "$CONSOLE_LOG" || true)
if ! grep -q '^GPIO-VM RESULT:' "$CONSOLE_LOG"; then
  log "no result line from the guest (timeout or crash, qemu rc=$QRC)"; F=$((F+1))
fi
log "total $(since "$T0") s"
echo "gpio-sim-vm: $P passed, $F failed"
[ "$F" -eq 0 ]
