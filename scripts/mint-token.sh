#!/usr/bin/env bash
# Mints a bearer token for LOCAL use, signed with the committed development key
# (src/test/resources/dev-keys/privateKey.pem), which the service trusts only while no other key is
# configured. Never use the development key pair in production.
#   scripts/mint-token.sh clinician|viewer|integration [subject] [hours]
#   curl -H "Authorization: Bearer $(scripts/mint-token.sh clinician alice)" localhost:8080/api/v1/patients
set -euo pipefail
role=${1:?usage: mint-token.sh clinician|viewer|integration [subject] [hours]}
subject=${2:-local-$role}
hours=${3:-8}
key=${MYOLINE_DEV_PRIVATE_KEY:-$(dirname "$0")/../src/test/resources/dev-keys/privateKey.pem}
issuer=${MYOLINE_JWT_ISSUER:-myoline-dev}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "$role" "$now" "$((now + hours * 3600))" "$(openssl rand -hex 8)" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
