# databricks-sync runtime image. Build the jar first, then the image (from the repository root):
#   ./mvnw -B -DskipTests package && docker build -t databricks-sync:latest .
# Run it with the current folder as work dir and your Databricks profiles and SSH keys mounted read-only:
#   docker run -it --rm -v "$PWD":/usr/src/databricks-sync -v ~/.databrickscfg:/root/.databrickscfg:ro \
#     -v ~/.ssh:/root/.ssh:ro databricks-sync:latest export --profile source -g git@github.com:org/repo.git -c export.yaml
FROM eclipse-temurin:21-jre
COPY cli/target/databricks-sync.jar /opt/databricks-sync/databricks-sync.jar
WORKDIR /usr/src/databricks-sync
ENTRYPOINT ["java", "-jar", "/opt/databricks-sync/databricks-sync.jar"]
