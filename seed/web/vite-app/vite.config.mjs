// The Vite dev server with the same proxy as the Vue CLI one: /api/… to the Spring server, every
// other setting Vite's default. The harness passes the Spring server's origin in SEED_UPSTREAM.
export default {
  logLevel: 'warn',
  clearScreen: false,
  server: {
    proxy: {
      '/api': {
        target: process.env.SEED_UPSTREAM,
        rewrite: (path) => path.replace(/^\/api/, ''),
      },
    },
  },
};
