#!/bin/sh
# The image's entrypoint: secrets arrive as files (compose or Kubernetes secrets under
# /run/secrets), never as plain environment in a compose file or `docker inspect`. For each
# NAME_FILE set, NAME is read from that file; then the command runs as the container's process 1.
#   ADMIN_TOKEN_FILE -> ADMIN_TOKEN   (the same on every node)
#   PGPASSWORD_FILE  -> PGPASSWORD    (node-postgres adds it to a DATABASE_URL without a password)
#   DATABASE_URL_FILE -> DATABASE_URL (when the whole address is the secret)
set -eu
for name in ADMIN_TOKEN PGPASSWORD DATABASE_URL; do
  file=$(printenv "${name}_FILE" || true)
  [ -n "$file" ] || continue
  if [ ! -r "$file" ]; then
    echo "chaski: ${name}_FILE names $file, which cannot be read" >&2
    exit 1
  fi
  # The file's last newline (as `echo … > file` leaves it) is not part of the secret.
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}_FILE"
done
exec "$@"
