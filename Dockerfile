# polystep-service: the REST API on port 8080 with its SQLite file in /data.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY test ./test
RUN npx tsc -p tsconfig.json && npx tsc -p src/ui/tsconfig.json && npm prune --omit=dev

FROM node:20-bookworm-slim
# The service binds to loopback by default; a container is reached through its published port, so it
# listens on every interface here. Set POLYSTEP_API_TOKEN (docker run -e) before publishing it beyond this host.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 POLYSTEP_DB=/data/polystep.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json openapi.yaml ./
COPY bin ./bin
COPY migrations ./migrations
# the dashboard's page and styles (its compiled scripts are in dist/ui)
COPY src/ui ./src/ui
COPY instances ./instances
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 8080
USER node
CMD ["node", "bin/polystep.js", "serve"]
