import { render } from 'preact';
import { localizeDocument } from '@/utils/i18n';
import { App } from './app';
import { readParams } from './popup-data';
import { prefetchFirstPage } from './use-history';

// Opened on the history: the first page is asked for now, while the page renders.
if (readParams(location.search).view === 'history') prefetchFirstPage();
localizeDocument();
const root = document.getElementById('app');
if (root) render(<App />, root);
