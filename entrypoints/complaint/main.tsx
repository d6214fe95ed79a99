import { render } from 'preact';
import '@/components/evidence/evidence.css';
import { localizeDocument } from '@/utils/i18n';
import { App } from './app';

localizeDocument('docComplaint');

const root = document.getElementById('app');
if (root) render(<App />, root);
