/* seed_services.c - the demo catalogue of Kabupaten Sumedang: "PBG untuk MBR"
 * (the 3-hour building approval for low-income housing), a business licence
 * support service, Disdukcapil's KTP-el, KK and birth certificates, a health
 * and an education service, each with its Standar Pelayanan. */
#include "api/service_json.h"
#include "cli/cli.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/services.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *agency_short, *code, *name, *description;
    int64_t fee, sla_minutes;
    const char *channels, *breach_policy;
    const char *produk, *persyaratan, *dasar_hukum, *biaya;
    const char *requirements; /* JSON */
    const char *form;         /* JSON */
} seed_service_t;

static const seed_service_t seeds[] = {
    {"DPMPTSP", "pbg-mbr", "PBG untuk MBR",
     "Persetujuan Bangunan Gedung untuk rumah masyarakat berpenghasilan rendah: selesai dalam 3 jam kerja.",
     0, 180, ",online,counter,", "deemed_approval", "Dokumen Persetujuan Bangunan Gedung (PBG) bertanda tangan elektronik.",
     "KTP-el pemohon; bukti kepemilikan atau penguasaan tanah; gambar rencana rumah tinggal sederhana.",
     "PP 16/2021 tentang Bangunan Gedung; PP 28/2025; SKB percepatan PBG MBR (November 2024).",
     "Gratis: retribusi PBG dibebaskan untuk MBR.",
     "[{\"code\":\"ktp\",\"name\":\"KTP-el pemohon\",\"formats\":[\"pdf\",\"jpg\",\"png\"],\"max_bytes\":2097152,\"mandatory\":true},"
     "{\"code\":\"bukti_tanah\",\"name\":\"Bukti kepemilikan tanah\",\"formats\":[\"pdf\"],\"max_bytes\":5242880,\"mandatory\":true},"
     "{\"code\":\"gambar_rencana\",\"name\":\"Gambar rencana rumah\",\"formats\":[\"pdf\",\"jpg\",\"png\"],\"max_bytes\":10485760,\"mandatory\":true}]",
     "[{\"name\":\"luas_bangunan\",\"label\":\"Luas bangunan (m2)\",\"type\":\"number\",\"required\":true,\"options\":null},"
     "{\"name\":\"jumlah_lantai\",\"label\":\"Jumlah lantai\",\"type\":\"number\",\"required\":true,\"options\":null},"
     "{\"name\":\"alamat_bangunan\",\"label\":\"Alamat bangunan\",\"type\":\"text\",\"required\":true,\"options\":null},"
     "{\"name\":\"kelurahan\",\"label\":\"Desa/kelurahan\",\"type\":\"region\",\"required\":true,\"options\":null},"
     "{\"name\":\"fungsi_bangunan\",\"label\":\"Fungsi bangunan\",\"type\":\"choice\",\"required\":true,\"options\":[\"Hunian\"]}]"},
    {"DPMPTSP", "nib-pendampingan", "Pendampingan Perizinan Berusaha (NIB)",
     "Bantuan petugas untuk mendapatkan Nomor Induk Berusaha melalui OSS.", 0, 120, ",online,counter,mobile,", "escalate",
     "Nomor Induk Berusaha (NIB) terbit di OSS.", "KTP-el; NPWP (bila ada); alamat usaha.",
     "PP 28/2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko.", "Gratis.",
     "[{\"code\":\"ktp\",\"name\":\"KTP-el\",\"formats\":[\"pdf\",\"jpg\",\"png\"],\"max_bytes\":2097152,\"mandatory\":true}]",
     "[{\"name\":\"nama_usaha\",\"label\":\"Nama usaha\",\"type\":\"text\",\"required\":true,\"options\":null},"
     "{\"name\":\"bidang_usaha\",\"label\":\"Bidang usaha (KBLI)\",\"type\":\"text\",\"required\":true,\"options\":null}]"},
    {"Disdukcapil", "ktp-el", "KTP-el", "Perekaman dan pencetakan KTP elektronik.", 0, 60, ",counter,mobile,", "escalate",
     "KTP-el.", "Kartu Keluarga; berusia 17 tahun atau sudah menikah.",
     "UU 24/2013 tentang Administrasi Kependudukan; Perpres 96/2018.", "Gratis.",
     "[{\"code\":\"kk\",\"name\":\"Kartu Keluarga\",\"formats\":[\"pdf\",\"jpg\"],\"max_bytes\":2097152,\"mandatory\":true}]",
     "[{\"name\":\"nik\",\"label\":\"NIK\",\"type\":\"nik\",\"required\":true,\"options\":null}]"},
    {"Disdukcapil", "kk", "Kartu Keluarga", "Penerbitan atau perubahan Kartu Keluarga.", 0, 120, ",online,counter,mobile,", "escalate",
     "Kartu Keluarga bertanda tangan elektronik.", "Formulir F-1.01; dokumen peristiwa (nikah, lahir, pindah).",
     "UU 24/2013; Permendagri 108/2019.", "Gratis.",
     "[{\"code\":\"f101\",\"name\":\"Formulir F-1.01\",\"formats\":[\"pdf\"],\"max_bytes\":2097152,\"mandatory\":true}]",
     "[{\"name\":\"alasan\",\"label\":\"Alasan\",\"type\":\"choice\",\"required\":true,\"options\":[\"Baru\",\"Perubahan data\",\"Hilang atau rusak\"]}]"},
    {"Disdukcapil", "akta-kelahiran", "Akta Kelahiran", "Pencatatan kelahiran dan penerbitan akta.", 0, 120, ",online,counter,", "escalate",
     "Kutipan akta kelahiran bertanda tangan elektronik.", "Surat keterangan lahir; Kartu Keluarga; KTP-el orang tua.",
     "UU 24/2013; Perpres 96/2018.", "Gratis.",
     "[{\"code\":\"surat_lahir\",\"name\":\"Surat keterangan lahir\",\"formats\":[\"pdf\",\"jpg\"],\"max_bytes\":2097152,\"mandatory\":true}]",
     "[{\"name\":\"nama_anak\",\"label\":\"Nama anak\",\"type\":\"text\",\"required\":true,\"options\":null},"
     "{\"name\":\"tanggal_lahir\",\"label\":\"Tanggal lahir\",\"type\":\"date\",\"required\":true,\"options\":null}]"},
    {"Dinkes", "sip-nakes", "Surat Izin Praktik Tenaga Kesehatan", "Izin praktik bagi dokter, bidan, perawat.", 0, 2250,
     ",online,counter,", "escalate", "Surat Izin Praktik (SIP).", "STR yang masih berlaku; rekomendasi organisasi profesi; surat keterangan tempat praktik.",
     "UU 17/2023 tentang Kesehatan.", "Gratis.",
     "[{\"code\":\"str\",\"name\":\"Surat Tanda Registrasi\",\"formats\":[\"pdf\"],\"max_bytes\":2097152,\"mandatory\":true}]",
     "[{\"name\":\"profesi\",\"label\":\"Profesi\",\"type\":\"choice\",\"required\":true,\"options\":[\"Dokter\",\"Bidan\",\"Perawat\"]}]"},
    {"Disdik", "legalisir-ijazah", "Legalisir Ijazah", "Pengesahan fotokopi ijazah SD dan SMP.", 0, 450, ",counter,", "escalate",
     "Fotokopi ijazah yang dilegalisir.", "Ijazah asli; fotokopi ijazah.", "Permendikbud 29/2014.", "Gratis.",
     "[]", "[{\"name\":\"jenjang\",\"label\":\"Jenjang\",\"type\":\"choice\",\"required\":true,\"options\":[\"SD\",\"SMP\"]}]"},
};

/* The Standar Pelayanan of a seeded service: the parts it names, and the MPP's common ones. */
static char *standard_json(const seed_service_t *s)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
        "persyaratan", s->persyaratan,
        "prosedur", "Ajukan daring atau di loket MPP; petugas memverifikasi; pemeriksaan teknis; persetujuan pejabat; dokumen terbit.",
        "jangka_waktu", "Sesuai batas waktu layanan, dihitung dalam jam kerja.",
        "biaya", s->biaya,
        "produk", s->produk,
        "pengaduan", "SP4N-LAPOR!, loket pengaduan MPP Sumedang, atau menu pengaduan di satupintu.",
        "dasar_hukum", s->dasar_hukum,
        "sarana", "Loket MPP, ruang tunggu, komputer dan pemindai, aplikasi satupintu.",
        "kompetensi", "Petugas memahami peraturan layanan dan aplikasi satupintu.",
        "pengawasan", "Atasan langsung dan Inspektorat Daerah.",
        "jumlah_pelaksana", "Dua petugas loket, satu verifikator, satu pejabat penandatangan.",
        "jaminan_pelayanan", "Layanan diberikan sesuai standar ini; keterlambatan dapat diadukan.",
        "jaminan_keamanan", "Data pribadi dilindungi sesuai UU 27/2022; dokumen ditandatangani elektronik.",
        "evaluasi", "Survei Kepuasan Masyarakat tiap semester.");
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return t;
}

static int64_t agency_id_of(db_conn_t *c, arena_t *a, const char *region, const char *short_name, db_err_t *err)
{
    agency_t rows[64];
    int n = 0;
    if (agencies_list(c, a, region, -1, rows, 64, &n, err) != DB_OK)
        return -1;
    for (int i = 0; i < n; i++)
        if (rows[i].short_name && strcmp(rows[i].short_name, short_name) == 0)
            return rows[i].id;
    return 0;
}

int seed_services(db_conn_t *c, const char *region, int *added, db_err_t *err)
{
    *added = 0;
    arena_t *a = arena_new(16384);
    if (!a)
        return DB_ERROR;
    workflow_t wf;
    workflow_default(&wf);
    json_t *wj = service_workflow_json(&wf);
    char *workflow = json_dumps(wj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(wj);
    int rc = DB_OK;
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0] && rc == DB_OK; i++) {
        const seed_service_t *sd = &seeds[i];
        int64_t agency = agency_id_of(c, a, region, sd->agency_short, err);
        if (agency < 0) {
            rc = DB_ERROR;
            break;
        }
        if (agency == 0)
            continue; /* the agency was renamed or removed: leave its services out */
        char *standard = standard_json(sd);
        service_t s = {.region_code = region, .agency_id = agency, .code = sd->code, .name = sd->name,
                       .description = sd->description, .standard = standard, .requirements = sd->requirements,
                       .form = sd->form, .fee = sd->fee, .channels = sd->channels, .sla_minutes = sd->sla_minutes,
                       .breach_policy = sd->breach_policy, .workflow = workflow};
        int64_t id;
        rc = services_insert(c, &s, &id, err);
        free(standard);
        if (rc == DB_CONFLICT) { /* seeded before */
            rc = DB_OK;
            continue;
        }
        if (rc != DB_OK)
            break;
        service_t stored;
        bool changed = false;
        if (services_get(c, a, id, &stored, err) != 1) {
            rc = DB_ERROR;
            break;
        }
        stored.status = "published";
        rc = services_update(c, &stored, &changed, err);
        char entity[24];
        snprintf(entity, sizeof entity, "%lld", (long long)id);
        audit_entry_t e = {.actor_name = CLI_ACTOR, .action = "service.publish", .entity = "service",
                           .entity_id = entity, .region_code = region, .change = sd->code};
        if (rc == DB_OK)
            rc = audit_append(c, &e, err);
        if (rc == DB_OK)
            (*added)++;
    }
    free(workflow);
    arena_free(a);
    return rc;
}
