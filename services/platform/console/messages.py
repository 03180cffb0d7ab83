"""The console's words, in Bahasa Indonesia and English."""

MESSAGES: dict[str, dict[str, str]] = {
    "health.title": {"id": "Kesehatan sistem", "en": "System health"},
    "health.overall.ok": {"id": "Semua berjalan normal.", "en": "Everything is running normally."},
    "health.overall.warn": {"id": "Ada yang perlu diperhatikan.", "en": "Something needs a look."},
    "health.overall.bad": {
        "id": "Ada gangguan yang perlu ditangani.",
        "en": "Something is broken and needs action.",
    },
    "health.redis_down": {
        "id": "Redis (antrean tugas) tidak menjawab: tugas baru "
        "menunggu di basis data sampai Redis kembali.",
        "en": "Redis (the task queues) does not answer: new "
        "work waits in the database until it is back.",
    },
    "health.queue_backlog": {
        "id": "Antrean {queue} berisi {count} tugas yang menunggu: "
        "tambah pekerja bila terus bertambah.",
        "en": "The {queue} queue holds {count} waiting tasks: add workers if it keeps growing.",
    },
    "health.queues_ok": {
        "id": "Antrean lancar ({count} tugas menunggu di semua antrean).",
        "en": "Queues are flowing ({count} tasks waiting in all queues).",
    },
    "health.database_down": {
        "id": "Basis data layanan {service} tidak menjawab.",
        "en": "The {service} service's database does not answer.",
    },
    "health.event_waiting": {
        "id": "{count} event dari {service} belum dikonfirmasi; yang tertua "
        "({event} untuk {consumer}) menunggu {minutes} menit.",
        "en": "{count} events from {service} are unconfirmed; the oldest "
        "({event} for {consumer}) has waited {minutes} min.",
    },
    "health.events_ok": {
        "id": "Semua event sampai ke tujuannya tepat waktu.",
        "en": "Every event reaches its consumers in time.",
    },
    "health.workers_unknown": {
        "id": "Status pekerja tidak dapat ditanyakan (broker tidak menjawab).",
        "en": "The workers cannot be asked (the broker does not answer).",
    },
    "health.no_workers": {
        "id": "Tidak ada pekerja yang menjawab: tidak ada tugas yang sedang dikerjakan.",
        "en": "No worker answers: no task is being worked on.",
    },
    "health.workers_ok": {
        "id": "{count} pekerja aktif: {names}.",
        "en": "{count} workers answer: {names}.",
    },
    "health.failed_deliveries": {
        "id": "{count} pemberitahuan gagal dikirim: lihat halaman pengiriman gagal.",
        "en": "{count} notices could not be delivered: see the failed deliveries page.",
    },
    "health.no_failed_deliveries": {
        "id": "Tidak ada pemberitahuan yang gagal dikirim.",
        "en": "No notice failed to be delivered.",
    },
    "audit.title": {"id": "Log audit", "en": "Audit log"},
    "audit.bad_number": {"id": "Harus berupa angka.", "en": "Must be a number."},
    "audit.bad_date": {
        "id": "Tanggal harus berformat TTTT-BB-HH.",
        "en": "The date must be written YYYY-MM-DD.",
    },
    "dashboard.title": {"id": "Dasbor", "en": "Dashboard"},
    "dashboard.charts": {"id": "Angka-angka", "en": "The figures"},
    "dashboard.failed": {"id": "Pengiriman gagal", "en": "Failed deliveries"},
    "dashboard.by_agency": {"id": "Usulan per OPD", "en": "Proposals per agency"},
    "dashboard.by_stage": {"id": "Usulan per tahap", "en": "Proposals per stage"},
    "dashboard.by_category": {"id": "Usulan per kategori", "en": "Proposals per category"},
    "dashboard.progress": {"id": "Progres penilaian per evaluator", "en": "Review progress"},
    "dashboard.scores": {"id": "Sebaran nilai", "en": "Score distribution"},
    "dashboard.deadlines": {"id": "Tenggat yang akan datang", "en": "Deadlines ahead"},
    "dashboard.review_admin": {
        "id": "Evaluator, penugasan, peringkat",
        "en": "Evaluators, assignments, ranking",
    },
}
