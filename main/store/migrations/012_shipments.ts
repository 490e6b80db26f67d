import type { Migration } from '../migrator'

/**
 * The courier desk (快递送达, specs/dispatch.md §B3–§B5): shipments, the
 * handover batches that give them to the courier, and the carrier's tracking.
 *
 * - `client_order_id` (`OW<station>-<seq>-<generation>`) is written with the
 *   row, before the carrier is ever called: it is the idempotency key the
 *   carrier dedups on, so a retry after a lost reply finds the first order
 *   instead of making a second waybill. `order_seq` and `generation` are kept
 *   apart so a re-ship after a confirmed cancel takes the next generation of
 *   the same number (a cancelled carrier order id cannot be reused).
 * - One live shipment per case: a second one for the same case can only
 *   exist once the first is cancelled (partial unique index).
 * - `status_rank` makes status monotonic by a comparison the SQL can see
 *   (main/domain/dispatch/shipmentStatus.ts holds the ranks).
 * - `recipient` is JSON read and written whole (name, phone, 省市区, address,
 *   GB/T 2260 division code); the phone is in full because the carrier needs
 *   it, and masked on every label and list.
 * - A batch is open until closed with the courier's name, masked ID and
 *   phone, and signature (a PNG file under the data directory, by SHA-256);
 *   one open batch per station and carrier. An item names its shipment once:
 *   a parcel cannot be in two batches.
 * - Tracking events are keyed by (shipment, dedup key): push and poll may
 *   repeat an event, the second copy is ignored. The rowid keeps arrival order.
 */
export const migration: Migration = {
  version: 12,
  name: 'shipments',
  up(db) {
    db.exec(`
      CREATE TABLE handover_batches (
        id INTEGER PRIMARY KEY,
        carrier TEXT NOT NULL,
        station_id TEXT NOT NULL,
        operator TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        courier_name TEXT,
        courier_id_masked TEXT,
        courier_phone_masked TEXT,
        -- The signature image, relative to the data directory, and its hash (also on the audit chain).
        signature_file TEXT,
        signature_sha256 TEXT CHECK (signature_sha256 IS NULL OR length(signature_sha256) = 64),
        -- The handover list as printed, so a later copy can be shown to be the same paper.
        doc_sha256 TEXT CHECK (doc_sha256 IS NULL OR length(doc_sha256) = 64),
        closed_by TEXT,
        CHECK (closed_at IS NULL OR (courier_name IS NOT NULL AND signature_sha256 IS NOT NULL AND closed_by IS NOT NULL))
      );
      CREATE UNIQUE INDEX handover_batches_open ON handover_batches (station_id, carrier) WHERE closed_at IS NULL;
      CREATE INDEX handover_batches_by_opened ON handover_batches (opened_at, id);

      CREATE TABLE shipments (
        id INTEGER PRIMARY KEY,
        case_no TEXT NOT NULL,
        -- The local case row when the case lives on this station (hall cases may not).
        case_id INTEGER REFERENCES cases (id),
        carrier TEXT NOT NULL,
        order_seq INTEGER NOT NULL CHECK (order_seq >= 1),
        generation INTEGER NOT NULL CHECK (generation >= 1),
        client_order_id TEXT NOT NULL UNIQUE CHECK (length(client_order_id) <= 32),
        waybill_no TEXT UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('queued', 'created', 'label_printed', 'handed_over', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'failed', 'cancelled')),
        status_rank INTEGER NOT NULL,
        status_at TEXT NOT NULL,
        payload_hash TEXT,
        recipient TEXT NOT NULL CHECK (json_valid(recipient)),
        route_label TEXT CHECK (route_label IS NULL OR json_valid(route_label)),
        label_prints INTEGER NOT NULL DEFAULT 0 CHECK (label_prints >= 0),
        batch_id INTEGER REFERENCES handover_batches (id),
        last_error_class TEXT,
        last_error TEXT,
        -- A return or failed delivery: the carrier's reason, for the exceptions list.
        exception_reason TEXT,
        operator TEXT NOT NULL,
        station_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        -- Only a shipment the carrier has not answered for (or one cancelled then) is without a waybill.
        CHECK (waybill_no IS NOT NULL OR status IN ('queued', 'cancelled'))
      );
      CREATE UNIQUE INDEX shipments_live_per_case ON shipments (case_no) WHERE status <> 'cancelled';
      CREATE INDEX shipments_by_case ON shipments (case_no, id);
      CREATE INDEX shipments_by_status ON shipments (status, status_at, id);

      CREATE TABLE handover_items (
        shipment_id INTEGER PRIMARY KEY REFERENCES shipments (id),
        batch_id INTEGER NOT NULL REFERENCES handover_batches (id),
        waybill_no TEXT NOT NULL,
        scanned_at TEXT NOT NULL
      );
      CREATE INDEX handover_items_by_batch ON handover_items (batch_id, scanned_at);

      CREATE TABLE tracking_events (
        shipment_id INTEGER NOT NULL REFERENCES shipments (id),
        dedup_key TEXT NOT NULL,
        at TEXT NOT NULL,
        code TEXT NOT NULL,
        -- The normalised status the event maps to; NULL for an informational event.
        status TEXT,
        description TEXT NOT NULL,
        location TEXT,
        received_at TEXT NOT NULL,
        PRIMARY KEY (shipment_id, dedup_key)
      );
      CREATE INDEX tracking_events_by_time ON tracking_events (shipment_id, at);
    `)
  },
}
