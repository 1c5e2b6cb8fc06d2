# vcc-sim in a container: the image `vcc-sim k8s job` runs, one push shard per pod.
#   docker build -t vcc-sim .
#   docker run --rm -e VCC_WEBHOOK_SECRET vcc-sim push https://hooks.example/vcc --shard 0/4
# The secret comes from the environment at run time; nothing secret is built into the image.

# Build: the compiled package and its help pages (needs the dev dependencies).
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# Run: the package and its production dependencies only, as the unprivileged `node` user.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
    && npm cache clean --force \
    && mkdir /work \
    && chown node:node /work
COPY --from=build /app/bin ./bin
COPY --from=build /app/dist ./dist
COPY --from=build /app/contracts ./contracts
COPY --from=build /app/scenarios ./scenarios
WORKDIR /work
USER node
ENTRYPOINT ["node", "/app/bin/vcc-sim.js"]
CMD ["--help"]
