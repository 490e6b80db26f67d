-- OneWindow hall: the PostgreSQL role of one station, with only the rights it needs.
-- Run as the hall database's owner (the role that ran `hall init`), once per station,
-- and again after every `hall init` that migrated the schema (new tables need their grants):
--   psql "$HALL_ADMIN_URL" -v ON_ERROR_STOP=1 -v station=003 -v password="$STATION_PASSWORD" -f resources/hall/station-role.sql
-- Safe to run again. Stations read and write rows; they create, alter, drop, delete and truncate nothing.
\set login onewindow_station_ :station

-- The rights, once per hall, on a group role every station's login role belongs to.
SELECT 'CREATE ROLE onewindow_station NOLOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'onewindow_station') \gexec
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"DBNAME" TO onewindow_station;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO onewindow_station;
GRANT SELECT ON hall_schema TO onewindow_station;
GRANT SELECT, INSERT ON hall_meta TO onewindow_station;
GRANT UPDATE (value) ON hall_meta TO onewindow_station;
GRANT SELECT, INSERT ON stations TO onewindow_station;
GRANT UPDATE (audit_head_seq, audit_head_hash, anchored_at) ON stations TO onewindow_station;
GRANT SELECT, INSERT ON cases TO onewindow_station;
GRANT UPDATE (state, version, updated_at, hall_seq) ON cases TO onewindow_station;
GRANT SELECT, INSERT ON case_events, audit_rows TO onewindow_station;
GRANT USAGE ON SEQUENCE hall_seq TO onewindow_station;
GRANT SELECT, INSERT ON operators TO onewindow_station;
GRANT UPDATE (pin_hash, disabled, updated_at, updated_by, hall_seq) ON operators TO onewindow_station;
GRANT USAGE ON SEQUENCE operator_seq TO onewindow_station;

-- This station's login role: a member of the group, nothing of its own.
SELECT format('CREATE ROLE %I LOGIN', :'login') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'login') \gexec
ALTER ROLE :"login" WITH LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT 20;
GRANT onewindow_station TO :"login";
