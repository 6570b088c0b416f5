/* test_arena.c - lib/arena: alignment, growth past the first block, copies. */
#include "lib/arena.h"

#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

/* The OOM test asks for absurd sizes: let malloc return NULL instead of aborting. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allocator_may_return_null=1";
}

Test(arena, allocations_are_16_aligned_and_distinct)
{
    arena_t *a = arena_new(0);
    cr_assert_not_null(a);
    char *prev = NULL;
    for (size_t n = 0; n < 200; n++) {
        char *p = arena_alloc(a, n);
        cr_assert_not_null(p);
        cr_assert_eq((uintptr_t)p % 16, 0, "size %zu not 16-aligned", n);
        if (prev)
            cr_assert_neq(p, prev);
        memset(p, 0xAB, n); /* ASan catches any overlap with the block end */
        prev = p;
    }
    arena_free(a);
}

Test(arena, grows_past_first_block_and_keeps_old_data)
{
    arena_t *a = arena_new(64);
    char *first = arena_strdup(a, "kabupaten");
    cr_assert_str_eq(first, "kabupaten");
    /* Far more than the first block: forces several new blocks. */
    for (int i = 0; i < 100; i++) {
        char *p = arena_alloc(a, 1000);
        cr_assert_not_null(p);
        memset(p, i, 1000);
    }
    char *big = arena_alloc(a, 1 << 20); /* bigger than a doubled block */
    cr_assert_not_null(big);
    memset(big, 1, 1 << 20);
    cr_assert_str_eq(first, "kabupaten", "earlier allocation must survive growth");
    cr_assert_geq(arena_used(a), 100 * 1000 + (1 << 20) + 10);
    arena_free(a);
}

Test(arena, used_counts_requested_bytes)
{
    arena_t *a = arena_new(0);
    cr_assert_eq(arena_used(a), 0);
    arena_alloc(a, 10);
    arena_alloc(a, 5);
    cr_assert_eq(arena_used(a), 15);
    arena_free(a);
}

Test(arena, calloc_zeroes)
{
    arena_t *a = arena_new(0);
    /* dirty the block first so calloc has something to clear */
    unsigned char *d = arena_alloc(a, 256);
    memset(d, 0xFF, 256);
    unsigned char *z = arena_calloc(a, 300);
    cr_assert_not_null(z);
    for (int i = 0; i < 300; i++)
        cr_assert_eq(z[i], 0);
    arena_free(a);
}

Test(arena, strndup_strdup_printf)
{
    arena_t *a = arena_new(0);
    char *s = arena_strndup(a, "hello world", 5);
    cr_assert_str_eq(s, "hello");
    char *e = arena_strndup(a, "", 0);
    cr_assert_str_eq(e, "");
    char *bin = arena_strndup(a, "a\0b", 3);
    cr_assert_eq(memcmp(bin, "a\0b\0", 4), 0);
    char *f = arena_printf(a, "%s-%d-%05.1f", "x", 42, 3.14159);
    cr_assert_str_eq(f, "x-42-003.1");
    char long_arg[5000];
    memset(long_arg, 'q', sizeof long_arg - 1);
    long_arg[sizeof long_arg - 1] = '\0';
    char *g = arena_printf(a, "[%s]", long_arg);
    cr_assert_eq(strlen(g), sizeof long_arg + 1);
    cr_assert_eq(g[0], '[');
    cr_assert_eq(g[sizeof long_arg], ']');
    arena_free(a);
}

Test(arena, huge_request_fails_and_arena_stays_usable)
{
    arena_t *a = arena_new(0);
    cr_assert_null(arena_alloc(a, SIZE_MAX));
    cr_assert_null(arena_alloc(a, SIZE_MAX - 8));
    cr_assert_null(arena_alloc(a, SIZE_MAX / 2));
    char *p = arena_strdup(a, "still fine");
    cr_assert_str_eq(p, "still fine");
    arena_free(a);
}

Test(arena, free_null_is_noop)
{
    arena_free(NULL);
}
