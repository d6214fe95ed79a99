import { render } from 'preact';
import { uiLocale } from '@/utils/i18n';
import { App } from './app';

document.documentElement.lang = uiLocale();

const root = document.getElementById('app');
if (root) render(<App />, root);
