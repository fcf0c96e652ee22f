# kiosk-agent: release build and installation.
#
#   make                  release build of kioskd and kioskctl (Swift stdlib linked statically)
#   make install          install under PREFIX (default /usr/local), honouring DESTDIR
#   make deb              the Debian package, through scripts/build-deb
#   make check-deploy     units, hardening score, package install/upgrade/purge (root)
#
# Development builds and the test suite are `swift build` and scripts/test.
# Paths kioskd itself assumes are not under PREFIX: the configuration is always
# /etc/kioskd/kioskd.conf, the store /var/lib/kioskd and the socket /run/kioskd.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/kiosk-agent
SYSCONFDIR ?= /etc
UNITDIR ?= $(LIBDIR)/systemd/system
SYSUSERSDIR ?= $(LIBDIR)/sysusers.d
TMPFILESDIR ?= $(LIBDIR)/tmpfiles.d
SYSCTLDIR ?= $(LIBDIR)/sysctl.d
MODULESLOADDIR ?= $(LIBDIR)/modules-load.d
UDEVRULESDIR ?= $(LIBDIR)/udev/rules.d

# Release binaries: the Swift runtime and Foundation linked in (--static-swift-stdlib), and
# libstdc++ and libgcc too (the Swift runtime needs them; a folder holding only libstdc++.a
# is searched first, so -lstdc++ picks the archive). What stays dynamic: libc, libm,
# libmosquitto, libgpiod. A scratch path of its own keeps these flags from disturbing the
# debug build in .build.
SWIFT ?= swift
SCRATCH ?= .build-release
STATIC_LIBS := $(CURDIR)/$(SCRATCH)/static-libs
SWIFT_RELEASE_FLAGS = -c release --scratch-path $(SCRATCH) --static-swift-stdlib \
	-Xlinker -L$(STATIC_LIBS) -Xswiftc -Xclang-linker -Xswiftc -static-libgcc
RELEASE_DIR = $(SCRATCH)/release

.PHONY: all build install uninstall deb check-deploy clean-release
all: build

build: $(STATIC_LIBS)/libstdc++.a
	$(SWIFT) build $(SWIFT_RELEASE_FLAGS) -Xswiftc -warnings-as-errors

$(STATIC_LIBS)/libstdc++.a:
	mkdir -p $(STATIC_LIBS)
	archive="$$(clang -print-file-name=libstdc++.a)"; \
	  [ -f "$$archive" ] || { echo "make: libstdc++.a not found (install libstdc++-12-dev)" >&2; exit 1; }; \
	  ln -sf "$$archive" $@

install: build
	install -d $(DESTDIR)$(BINDIR)
	install -m 0755 $(RELEASE_DIR)/kioskd $(RELEASE_DIR)/kioskctl $(DESTDIR)$(BINDIR)/
	strip --strip-unneeded $(DESTDIR)$(BINDIR)/kioskd $(DESTDIR)$(BINDIR)/kioskctl
	install -d $(DESTDIR)$(UNITDIR)
	sed 's|/usr/bin/kioskd|$(BINDIR)/kioskd|g' systemd/kioskd.service > $(DESTDIR)$(UNITDIR)/kioskd.service
	install -m 0644 systemd/kioskd.socket $(DESTDIR)$(UNITDIR)/kioskd.socket
	chmod 0644 $(DESTDIR)$(UNITDIR)/kioskd.service
	install -D -m 0644 systemd/kioskd.sysusers $(DESTDIR)$(SYSUSERSDIR)/kioskd.conf
	install -D -m 0644 systemd/kioskd.tmpfiles $(DESTDIR)$(TMPFILESDIR)/kioskd.conf
	install -D -m 0644 systemd/kioskd.sysctl $(DESTDIR)$(SYSCTLDIR)/50-kioskd.conf
	install -D -m 0644 systemd/kioskd.modules-load $(DESTDIR)$(MODULESLOADDIR)/kioskd.conf
	install -D -m 0644 systemd/60-kioskd.rules $(DESTDIR)$(UDEVRULESDIR)/60-kioskd.rules
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8
	gzip -9n < config/man/kioskctl.1 > $(DESTDIR)$(MANDIR)/man1/kioskctl.1.gz
	gzip -9n < config/man/kioskd.conf.5 > $(DESTDIR)$(MANDIR)/man5/kioskd.conf.5.gz
	gzip -9n < config/man/kioskd.8 > $(DESTDIR)$(MANDIR)/man8/kioskd.8.gz
	chmod 0644 $(DESTDIR)$(MANDIR)/man*/kiosk*.gz
	install -D -m 0644 config/kioskd.conf $(DESTDIR)$(DOCDIR)/kioskd.conf.example
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/kioskd
	# The configuration is the administrator's: never overwritten.
	[ -e $(DESTDIR)$(SYSCONFDIR)/kioskd/kioskd.conf ] || \
	  install -m 0644 config/kioskd.conf $(DESTDIR)$(SYSCONFDIR)/kioskd/kioskd.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kioskd $(DESTDIR)$(BINDIR)/kioskctl \
	  $(DESTDIR)$(UNITDIR)/kioskd.service $(DESTDIR)$(UNITDIR)/kioskd.socket $(DESTDIR)$(SYSUSERSDIR)/kioskd.conf \
	  $(DESTDIR)$(TMPFILESDIR)/kioskd.conf $(DESTDIR)$(SYSCTLDIR)/50-kioskd.conf \
	  $(DESTDIR)$(UDEVRULESDIR)/60-kioskd.rules $(DESTDIR)$(MANDIR)/man1/kioskctl.1.gz \
	  $(DESTDIR)$(MANDIR)/man5/kioskd.conf.5.gz $(DESTDIR)$(MANDIR)/man8/kioskd.8.gz \
	  $(DESTDIR)$(DOCDIR)/kioskd.conf.example

deb:
	scripts/build-deb

check-deploy:
	scripts/check/deploy

clean-release:
	rm -rf $(SCRATCH)
