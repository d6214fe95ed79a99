import { render } from 'preact';
import { localizeDocument } from '@/utils/i18n';
import { App } from './app';

localizeDocument('docSettings');

const root = document.getElementById('app');
if (root) render(<App />, root);
