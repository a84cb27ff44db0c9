# luma-api-mcp in HTTP mode, for a remote deployment (docs/remote.md): the bundle in dist/ carries every
# dependency, so the image is Node, dist/ and nothing else, run as the unprivileged `node` user.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src ./src
COPY tsconfig.json ./
# `prepare` builds dist/ (scripts/build.mjs); the tests are not part of the image.
RUN npm ci --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    LUMA_HTTP=1 \
    LUMA_HTTP_HOST=0.0.0.0 \
    PORT=8080 \
    LUMA_STATE_DIR=/data
WORKDIR /app
COPY --from=build /src/dist ./dist
COPY --from=build /src/package.json ./package.json
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM lets the requests in flight finish (docs/http.md).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/index.js"]
