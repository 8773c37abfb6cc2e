// Repositories the loopback Hub serves in tests: official and community images, automated builds, descriptions with
// line breaks, wide characters and more than 45 columns, star ties, and entries a hostile index could send (a name
// with a newline, wrong types). Times are fixed so screenshots and outputs stay the same from run to run.
import { createHash } from 'node:crypto';
import type { HubRepositoryFixture, HubTagFixture } from './hub-server.js';

const digestOf = (seed: string): string => `sha256:${createHash('sha256').update(seed).digest('hex')}`;

/** A tag pushed `daysAgo` days before 2026-11-30 for each of `platforms`, its sizes growing with the platform. */
export function hubTag(name: string, daysAgo: number, platforms: readonly string[], size = 48_000_000): HubTagFixture {
  const lastUpdated = new Date(Date.UTC(2026, 10, 30, 8) - daysAgo * 86_400_000).toISOString();
  return {
    name,
    lastUpdated,
    digest: digestOf(`index-${name}`),
    images: platforms.map((platform, i) => ({ platform, size: size + i * 1_310_720, digest: digestOf(`${name}-${platform}`) })),
  };
}

const MULTI = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'linux/386', 'linux/ppc64le', 'linux/s390x'];

export function hubFixtures(): HubRepositoryFixture[] {
  return [
    {
      name: 'nginx', description: 'Official build of Nginx.', stars: 20_812, pulls: 1_000_000_000, official: true,
      tags: [
        hubTag('latest', 2, MULTI, 67_000_000), hubTag('1.27', 2, MULTI, 67_000_000), hubTag('1.27-alpine', 2, MULTI, 20_500_000),
        hubTag('1.26', 40, MULTI, 66_000_000), hubTag('stable-perl', 95, ['linux/amd64', 'linux/arm64/v8'], 81_000_000), hubTag('1.25-alpine-slim', 400, ['linux/amd64'], 5_100_000),
      ],
    },
    { name: 'bitnami/nginx', description: 'Bitnami container image for NGINX\nSecure, up to date, minimal.', stars: 192, pulls: 523_000_000, tags: [hubTag('1.27.3', 3, ['linux/amd64', 'linux/arm64'])] },
    { name: 'nginxinc/nginx-unprivileged', description: 'Unprivileged NGINX Dockerfiles', stars: 152, pulls: 100_000_000, automated: true },
    { name: 'nginx/nginx-ingress', description: 'NGINX and NGINX Plus Ingress Controllers for Kubernetes', stars: 98, pulls: 1_000_000_000 },
    { name: 'nginxproxy/nginx-proxy', description: 'Automated nginx proxy for Docker containers using docker-gen', stars: 152, pulls: 50_000_000, automated: true },
    { name: 'ubuntu/nginx', description: 'Nginx, a high-performance reverse proxy & web server. Long-term tracks maintained by Canonical.', stars: 124, pulls: 10_000_000 },
    { name: 'kasmweb/nginx', description: 'An Nginx image based off nginx:alpine and include\r\nsome extras — 日本語の説明 with wide characters that run past the column', stars: 7, pulls: 100_000 },
    { name: 'nginx-curious/empty', description: '', stars: 0, pulls: 12 },
    {
      name: 'berth-e2e-hello', description: 'A tiny image the Berth tests pull through a loopback docker.io mirror.', stars: 42, pulls: 1_234_567, official: true,
      tags: [hubTag('1', 1, ['linux/amd64', 'linux/arm64/v8'], 30_200), hubTag('0.9', 60, ['linux/amd64'], 29_900), hubTag('0.8-rc', 300, ['linux/amd64'], 29_000)],
    },
    { name: 'berthfans/hello-builder', description: 'Builds hello images automatically', stars: 3, pulls: 900, automated: true },
  ];
}

/** `count` community repositories named `bulk/repo-N` matching the term "bulk": a full page of 100 and more. */
export function bulkFixtures(count: number): HubRepositoryFixture[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `bulk/repo-${String(i + 1).padStart(3, '0')}`,
    description: `Bulk repository number ${i + 1} with a description long enough to be cut`,
    stars: (count - i) * 3,
    pulls: (count - i) * 1_000,
    official: i % 10 === 0,
    automated: i % 4 === 0,
  }));
}
