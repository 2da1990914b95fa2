# TechRift in a container: one stateless Streamlit replica. See docs/deploy.md for running several behind a
# load balancer. Build: docker build -t techrift .   Run: docker run -p 8501:8501 techrift
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Dependencies first (pinned in pyproject.toml), so a data or code change does not reinstall them.
COPY pyproject.toml README.md ./
COPY techrift/__init__.py techrift/__init__.py
RUN pip install .

COPY . .
RUN pip install --no-deps . \
    && useradd --system --no-create-home techrift \
    && python -m techrift validate

# The data is baked in and read-only; mount another folder over it (read-only) and point TECHRIFT_DATA_DIR at it
# to serve other data without rebuilding. The seed texts are read from ../seeds relative to the data folder.
ENV TECHRIFT_DATA_DIR=/app/data
USER techrift
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"
# 0.0.0.0 inside the container only; which hosts reach it is the platform's choice. Usage stats stay off (config.toml).
CMD ["python", "-m", "streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501"]
