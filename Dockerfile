# Parley on Open Liberty. Build the WAR first (./mvnw package), then: docker build -t parley .
# The runtime version matches liberty.runtime.version in pom.xml, the one the tests run against. This image's JVM is
# OpenJ9 on Java 17, which the tests cover; the benchmarked production choice is HotSpot on Java 25 with
# -XX:+UseCompactObjectHeaders (README, "Run"; docs/benchmarks.md), which needs a HotSpot base image with Liberty on it
# instead. OpenJ9 was not measured.
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi

LABEL org.opencontainers.image.title="Parley" \
      org.opencontainers.image.description="Real-time chat on Server-Sent Events"

# Configuration and the features it names first: their layers survive a code-only change.
COPY --chown=1001:0 server.xml /config/
COPY --chown=1001:0 src/main/liberty/jvm.options /config/
RUN features.sh

COPY --chown=1001:0 target/parley.war /config/apps/
RUN configure.sh

# Settings are environment variables: PARLEY_BACKPLANE=redis, PARLEY_REDIS_URL=redis://redis:6379, …
EXPOSE 9080 9443
