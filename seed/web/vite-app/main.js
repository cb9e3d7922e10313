// The article's page under Vite: the same Vue component, invokeSse() in mounted().
import { createApp, h } from 'vue';
import { invokeSse } from '../seed-page.js';

createApp({
  mounted() {
    invokeSse();
  },
  render: () => h('p', 'seed: fetch-event-source over POST through the Vite dev server'),
}).mount('#app');
