#!/bin/sh
# Every night at about 02:00 (the container's clock): a pg_dump of the database in
# PostgreSQL's custom format and a tar of the photos, kept for KEEP_DAYS days.
# Restore: see deploy/README.md.
set -eu
while true; do
    now=$(date +%s)
    next=$(date -d "tomorrow 02:00" +%s)
    sleep $((next - now))
    stamp=$(date +%Y-%m-%d)
    pg_dump --format=custom --file="/backups/wijkraad-$stamp.dump.partial"
    mv "/backups/wijkraad-$stamp.dump.partial" "/backups/wijkraad-$stamp.dump"
    tar -C /shared -czf "/backups/photos-$stamp.tar.gz" photos
    find /backups -name 'wijkraad-*.dump' -mtime +"$KEEP_DAYS" -delete
    find /backups -name 'photos-*.tar.gz' -mtime +"$KEEP_DAYS" -delete
done
