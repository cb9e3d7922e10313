// The article's page as a Vue component: invokeSse() runs in mounted().
import { createApp, h } from 'vue';
import { invokeSse } from '../../seed-page.js';

createApp({
  mounted() {
    invokeSse();
  },
  render: () => h('p', 'seed: fetch-event-source over POST through the Vue CLI dev server'),
}).mount('#app');
