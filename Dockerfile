# The bot as a container: built in one stage, run from the compiled JavaScript in a second,
# slim stage as the unprivileged "node" user. Data (embedded database) lives in /data; with
# DATABASE_URL set (compose.yaml) nothing is written there.

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json manifest.json ./
COPY src ./src
COPY adapters ./adapters
COPY migrations ./migrations
COPY scripts ./scripts
COPY catalogue ./catalogue
# Type-checked build, then only the runtime dependencies are kept for the next stage.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-slim
ENV NODE_ENV=production PORT=3978 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3978
# node:22-slim has no curl: Node's own fetch asks the health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node runs as PID 1 and handles SIGTERM from `docker stop` itself: it finishes in-flight work and exits 0.
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
