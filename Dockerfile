# The triage scoring service: CPU-only, non-root, model bundle baked in.
#   docker build -t triage .
#   docker run -p 8000:8000 -v triage-var:/app/var triage
# Not built in CI (no container runtime there); see docs/operator.md.

# --- build: a virtualenv with the package and its runtime dependencies -------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
# CPU wheel of torch first, so the dependency resolver never pulls a CUDA build.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install .

# --- runtime: the venv, the model bundle, an unprivileged user ---------------------
FROM python:3.11-slim-bookworm
RUN useradd --create-home --uid 10001 triage \
 && apt-get update && apt-get install -y --no-install-recommends sqlite3 curl \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=triage:triage models/default /app/models/default
# The ONNX int8 exports of the sentence model, with the bundle's encoder adapter merged in,
# are made once here, not at first request: both weight types, as the image may run on a
# host of the other kind (`weight_type`).
ENV TRIAGE_CACHE_DIR=/app/cache HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
RUN /opt/venv/bin/python -c "from pathlib import Path; \
from triage.features.adapter import read_adapter; \
from triage.features.embedding import export_onnx; \
adapter = read_adapter(Path('/app/models/default')); \
[export_onnx(weights=w, adapter=adapter) for w in ('s8', 'u8')]" \
 && mkdir -p /app/var && chown -R triage:triage /app/var /app/cache
USER triage
ENV PATH=/opt/venv/bin:$PATH \
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    TRIAGE_HOST=0.0.0.0 TRIAGE_PORT=8000 TRIAGE_WORKERS=2 \
    TRIAGE_MODEL_DIR=/app/models/default \
    TRIAGE_DATABASE_URL=sqlite:////app/var/triage.db \
    TRIAGE_AUDIT_KEY_FILE=/app/var/keys/audit_ed25519.pem \
    TRIAGE_WEBHOOK_SECRET_FILE=/app/var/keys/webhook_secret
VOLUME ["/app/var"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD curl -fsS http://127.0.0.1:8000/readyz || exit 1
ENTRYPOINT ["triage"]
CMD ["serve"]
