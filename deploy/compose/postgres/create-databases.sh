#!/bin/sh
# Run once by the postgres image, on an empty data directory (/docker-entrypoint-initdb.d):
# one database per service (a service owns its tables and nothing else) plus Temporal's
# persistence and visibility databases. The list comes from POSTGRES_MULTIPLE_DATABASES
# (comma-separated) in docker-compose.yml. Removing the `postgres-data` volume runs it again.
for database in $(echo "${POSTGRES_MULTIPLE_DATABASES:-}" | tr ',' ' '); do
    echo "create-databases.sh: creating database ${database}"
    psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER}" --dbname "${POSTGRES_DB:-${POSTGRES_USER}}" \
        -c "CREATE DATABASE \"${database}\" OWNER \"${POSTGRES_USER}\"" || exit 1
done
