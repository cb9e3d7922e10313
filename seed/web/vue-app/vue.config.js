// The article's setup: the page calls /api/…, and the Vue CLI dev server's proxy forwards it to the
// Spring server. Only `proxy` is set, so every other devServer option is Vue CLI's default (OBS-2);
// SEED_COMPRESS=false sets devServer.compress to false, to show which default buffers the stream.
// The harness passes the Spring server's origin in SEED_UPSTREAM.
module.exports = {
  devServer: {
    proxy: {
      '/api': {
        target: process.env.SEED_UPSTREAM,
        pathRewrite: { '^/api': '' },
      },
    },
    ...(process.env.SEED_COMPRESS !== undefined ? { compress: process.env.SEED_COMPRESS === 'true' } : {}),
  },
};
