# The Pattern Atlas image: the built `pattern-atlas` program (server, explorer, ingest; the compose
# file runs both from it). The same commands as the README's quick start, in a container; the dev
# dependencies (vite, esbuild, tsx...) are only needed to build, so they are removed afterwards.
FROM node:20-bookworm-slim
WORKDIR /app
# Vite 8 needs npm 11 to install its native bindings; node:20 ships npm 10.
RUN npm install -g npm@11 --no-audit --no-fund
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
RUN npm prune --omit=dev --no-audit --no-fund
ENV PORT=4000
# The same heap ceiling as `npm start`: keeps RSS near 250 MB on the 3,573-pattern library (see docs/configuration.md).
ENV NODE_OPTIONS="--max-old-space-size=960 --max-semi-space-size=8"
EXPOSE 4000
# Listen on every interface inside the container; compose publishes the port on 127.0.0.1 only.
CMD ["node", "dist/cli.js", "serve", "--host", "0.0.0.0"]
