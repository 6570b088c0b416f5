# satupintu - one binary, two databases. See README.md.
#   make run    install what is missing, build, prepare var/ (SQLite, regions, demo), serve
#   make test   the whole suite: unit (Criterion), API on SQLite and PostgreSQL, fuzz smoke
#   make build  build/satupintu            make release  build/release/satupintu
#   make fuzz   the fuzzers, longer         make bench    bench/run (ratios vs nginx)

CC       ?= gcc
PKGS     := libmicrohttpd jansson sqlite3 libpq libsodium
CSTD     := -std=c17 -D_GNU_SOURCE
WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-format-nonliteral
INCLUDES := -Isrc
DEPFLAGS  = -MMD -MP
Q        := $(if $(V),,@)   # make V=1 shows the full commands

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LIBS       = $(PKG_LIBS) -lhpdf -lqrencode -lpthread

# Build variants: default (-O2 -g), release (-O2, for bench), asan (tests).
CFLAGS_default := -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
CFLAGS_release := -O2 -DNDEBUG -fstack-protector-strong -D_FORTIFY_SOURCE=2
CFLAGS_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

SRC_DIRS := src/lib src/domain src/http src/store src/api src/cli
LIB_SRCS := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
MIGRATIONS := $(wildcard src/store/migrations/sqlite/*.sql src/store/migrations/postgres/*.sql)
GEN      := build/gen/embedded.c

objs = $(patsubst src/%.c,build/obj/$(1)/%.o,$(LIB_SRCS)) build/obj/$(1)/gen/embedded.o

.PHONY: all build release asan run test unit fuzz fuzz-smoke bench deps deps-test clean
all: build
build: build/satupintu
release: build/release/satupintu
asan: build/asan/satupintu

deps:
	@scripts/install-deps.sh build
deps-test:
	@scripts/install-deps.sh test

build/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -Werror -o $@ $<

$(GEN): build/tools/embed $(MIGRATIONS) docs/openapi.json
	@mkdir -p $(dir $@)
	build/tools/embed $@ migrations migrations_sqlite src/store/migrations/sqlite \
	    migrations migrations_postgres src/store/migrations/postgres blob openapi_json docs/openapi.json

# One object tree per variant.
define variant
build/obj/$(1)/%.o: src/%.c
	@mkdir -p $$(dir $$@)
	@echo "  CC [$(1)] $$<"
	$$(Q)$$(CC) $$(CSTD) $$(WARN) $$(CFLAGS_$(1)) $$(INCLUDES) $$(PKG_CFLAGS) $$(DEPFLAGS) -c -o $$@ $$<
build/obj/$(1)/gen/embedded.o: $(GEN)
	@mkdir -p $$(dir $$@)
	@echo "  CC [$(1)] $$<"
	$$(Q)$$(CC) $$(CSTD) $$(WARN) $$(CFLAGS_$(1)) $$(INCLUDES) -c -o $$@ $$<
build/obj/$(1)/libsatupintu.a: $(call objs,$(1))
	@rm -f $$@
	@echo "  AR [$(1)] $$@"
	$$(Q)ar rcs $$@ $$^
endef
$(eval $(call variant,default))
$(eval $(call variant,release))
$(eval $(call variant,asan))

build/satupintu: build/obj/default/main.o build/obj/default/libsatupintu.a
	$(CC) $(CFLAGS_default) -o $@ $^ $(LIBS)
build/release/satupintu: build/obj/release/main.o build/obj/release/libsatupintu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_release) -o $@ $^ $(LIBS)
build/asan/satupintu: build/obj/asan/main.o build/obj/asan/libsatupintu.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_asan) -o $@ $^ $(LIBS)

# ---- unit tests (Criterion, under ASan + UBSan) -------------------------------
UNIT_SRCS := $(wildcard tests/unit/*.c)
build/unit/%: tests/unit/%.c build/obj/asan/libsatupintu.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  TEST $@"
	$(Q)$(CC) $(CSTD) $(WARN) $(CFLAGS_asan) $(INCLUDES) $(PKG_CFLAGS) -o $@ $< build/obj/asan/libsatupintu.a $(LIBS) -lcriterion
UNIT_BINS := $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_SRCS))
unit: $(UNIT_BINS)

# ---- fuzzers (libFuzzer, clang, ASan + UBSan) ---------------------------------
FUZZ_SRCS := $(wildcard tests/fuzz/*.c)
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
build/fuzz/%: tests/fuzz/%.c $(LIB_SRCS) $(GEN)
	@mkdir -p $(dir $@)
	@echo "  FUZZ $@"
	$(Q)clang $(CSTD) -Wall -Wextra -Werror $(FUZZ_CFLAGS) $(INCLUDES) $(PKG_CFLAGS) -o $@ $< $(LIB_SRCS) $(GEN) $(LIBS)
fuzz-bins: $(FUZZ_BINS)
fuzz: deps $(FUZZ_BINS)
	tests/run-fuzz.sh $${FUZZ_RUNS:-200000}

# ---- the whole suite ------------------------------------------------------------
test: deps-test build/asan/satupintu build/satupintu $(UNIT_BINS) $(FUZZ_BINS)
	tests/run-all.sh

run: deps build/satupintu
	@scripts/run.sh

bench: deps release
	scripts/install-deps.sh bench
	bench/run
	bench/applications

clean:
	rm -rf build

-include $(shell find build/obj -name '*.d' 2>/dev/null)
