/* test_audit.c - store/audit: entries chain by hash; verify finds the first
 * changed or removed entry. */
#include "sqlite_db.h"
#include "store/audit.h"
#include "store/migrate.h"

#include "lib/crypto.h"

static db_t *db;
static db_conn_t *c;

static void setup(void)
{
    crypto_setup();
    db = store_open();
    db_err_t err = {0};
    cr_assert_eq(migrate_up(db, NULL, &err), DB_OK, "%s", err.msg);
    c = db_conn(db, &err);
    cr_assert_not_null(c);
}

static void teardown(void)
{
    store_close(db);
}

TestSuite(audit, .init = setup, .fini = teardown);

static void append(const char *action, const char *region)
{
    db_err_t err = {0};
    cr_assert_eq(db_begin(c, true, &err), DB_OK);
    audit_entry_t e = {.actor_id = 7, .actor_name = "Admin", .role = "region_admin", .region_code = region,
                       .action = action, .entity = "agency", .entity_id = "3", .ip = "127.0.0.1",
                       .change = "{\"name\":\"Dinas Sosial\"}"};
    cr_assert_eq(audit_append(c, &e, &err), DB_OK, "%s", err.msg);
    cr_assert_eq(db_commit(c, &err), DB_OK);
}

static void verify(int64_t *count, int64_t *bad)
{
    char why[200];
    db_err_t err = {0};
    cr_assert_eq(audit_verify(c, count, bad, why, sizeof why, &err), DB_OK, "%s", err.msg);
}

Test(audit, empty_chain_is_intact)
{
    int64_t count, bad;
    verify(&count, &bad);
    cr_assert_eq(count, 0);
    cr_assert_eq(bad, 0);
}

Test(audit, chain_intact_then_edited_row_found)
{
    for (int i = 0; i < 5; i++)
        append("agency.update", "32.11");
    int64_t count, bad;
    verify(&count, &bad);
    cr_assert_eq(count, 5);
    cr_assert_eq(bad, 0);
    db_err_t err = {0};
    cr_assert_eq(db_exec_script(c, "UPDATE audit_log SET region_code = '18.01' WHERE id = 3", &err), DB_OK);
    verify(&count, &bad);
    cr_assert_eq(bad, 3, "the edited entry is named");
}

Test(audit, removed_row_breaks_the_next)
{
    for (int i = 0; i < 4; i++)
        append("user.create", "32.11");
    db_err_t err = {0};
    cr_assert_eq(db_exec_script(c, "DELETE FROM audit_log WHERE id = 2", &err), DB_OK);
    int64_t count, bad;
    verify(&count, &bad);
    cr_assert_eq(bad, 3, "the entry after the gap no longer links");
}

Test(audit, list_by_region_newest_first)
{
    append("a.one", "32.11");
    append("a.two", "18.01");
    append("a.three", "32.11.01");
    arena_t *a = arena_new(4096);
    audit_row_t rows[10];
    int n = 0;
    db_err_t err = {0};
    cr_assert_eq(audit_list(c, a, "32.11", 0, 10, rows, &n, &err), DB_OK);
    cr_assert_eq(n, 2, "32.11 and the district below it, not 18.01");
    cr_assert_str_eq(rows[0].action, "a.three");
    cr_assert_str_eq(rows[1].action, "a.one");
    cr_assert_eq(audit_list(c, a, NULL, rows[0].id, 10, rows, &n, &err), DB_OK);
    cr_assert_eq(n, 2, "before the newest: two left");
    arena_free(a);
}
