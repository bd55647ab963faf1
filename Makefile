# Builds and installs fetch-contributors. The Swift toolchain, libcurl4-openssl-dev and
# libsqlite3-dev must be installed.
#
#   make build
#   make install PREFIX=/usr/local DESTDIR=
#   make test

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MAN1DIR = $(PREFIX)/share/man/man1
DOCDIR = $(PREFIX)/share/doc/fetch-contributors

SWIFT ?= swift
INSTALL ?= install
# SwiftPM's build directory. The release binary is in $(BUILD_DIR)/release.
BUILD_DIR ?= .build
# --static-swift-stdlib links the Swift runtime into the binary, so the machine that runs it needs
# libcurl, libsqlite3 and libstdc++, not a Swift toolchain.
SWIFT_BUILD_FLAGS = -c release --static-swift-stdlib --scratch-path $(BUILD_DIR)

.PHONY: build install uninstall test

build:
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --product fetch-contributors

install: build
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MAN1DIR) \
		$(DESTDIR)$(DOCDIR)/contrib/systemd $(DESTDIR)$(DOCDIR)/contrib/kubernetes
	$(INSTALL) -m 0755 $(BUILD_DIR)/release/fetch-contributors $(DESTDIR)$(BINDIR)/fetch-contributors
	$(INSTALL) -m 0644 doc/fetch-contributors.1 $(DESTDIR)$(MAN1DIR)/fetch-contributors.1
	$(INSTALL) -m 0644 crontab.example $(DESTDIR)$(DOCDIR)/crontab.example
	$(INSTALL) -m 0644 contrib/systemd/fetch-contributors.service contrib/systemd/fetch-contributors.timer \
		$(DESTDIR)$(DOCDIR)/contrib/systemd
	$(INSTALL) -m 0644 contrib/kubernetes/cronjob.yaml $(DESTDIR)$(DOCDIR)/contrib/kubernetes

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/fetch-contributors $(DESTDIR)$(MAN1DIR)/fetch-contributors.1
	rm -rf $(DESTDIR)$(DOCDIR)

test:
	script/test
