import { Button, Center, Code, Grid, Group, Kbd, Loader, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronLeft, IconChevronRight, IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { AccountSummary } from '../../../../shared/contract/accounts';
import { ACCOUNT_CATEGORIES, ACCOUNT_STATUSES, type AccountCategory, type AccountStatus } from '../../../../shared/identity/account';
import { call } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormErrors } from '../../components/use-form-errors';
import { useI18n } from '../../i18n';
import { useHashPath } from '../../shell/use-hash-route';
import { AccountCardPanel } from './AccountCardPanel';
import { DiagnoseUsername } from './DiagnoseUsername';
import { cardIdOf, closeCard, openCard, useLookupRequests } from './lookup-requests';
import { ResultsTable, resultRowId } from './ResultsTable';
import { waitsForEnter } from './exact-query';

const NO_FIELDS: string[] = [];
const PAGE_SIZE = 20;
const DEBOUNCE_MS = 250;
/** What the box understands, shown before anything is typed. */
const EXAMPLES = ['张三', 'zhang s', 'zs', '520030910001', '13812340001', 'name@sjtu.edu.cn'];

interface Filters {
  category: AccountCategory | null;
  status: AccountStatus | null;
  department: string | null;
}

interface Results {
  key: string;
  items: AccountSummary[];
  hasMore: boolean;
}

/**
 * The desk's daily bread: one search box (Ctrl+K from anywhere) for whatever the visitor
 * remembers, results to pick with the keyboard, and the account card (`#/accounts/<id>`).
 */
export function AccountsPage() {
  const { t } = useI18n();
  const cardId = cardIdOf(useHashPath());
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, DEBOUNCE_MS);
  const [filters, setFilters] = useState<Filters>({ category: null, status: null, department: null });
  const [page, setPage] = useState(1);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState(0);
  const [departments, setDepartments] = useState<string[]>([]);
  const { formError, clear, report } = useFormErrors(NO_FIELDS);
  const seq = useRef(0);
  /** Enter was pressed before the results of what is typed arrived: open the first of them when they do. */
  const openOnArrival = useRef(false);
  /** The text in the box now (for the search's answer, which arrives later). */
  const queryRef = useRef('');
  /** The last query sent with Enter: what an exact lookup waits for. */
  const [submitted, setSubmitted] = useState('');
  const typed = debounced.trim();
  const waiting = waitsForEnter(typed) && submitted !== typed;
  const q = waiting ? '' : typed;

  useLookupRequests((request) => {
    if (request.query !== undefined) {
      queryRef.current = request.query;
      // Asked for by a button ("look it up"): as if Enter had been pressed.
      setSubmitted(request.query.trim());
      setQuery(request.query);
      setPage(1);
      closeCard();
    }
    input.current?.focus();
    input.current?.select();
  });

  useEffect(() => {
    call('accounts.departments', {}).then(setDepartments, () => undefined);
  }, []);

  useEffect(() => {
    const mine = ++seq.current;
    if (!q) {
      setResults(null);
      setLoading(false);
      return;
    }
    setLoading(true);
    const wanted = {
      ...(filters.category ? { category: filters.category } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.department ? { department: filters.department } : {}),
    };
    call('accounts.search', { query: q, filters: wanted, page, pageSize: PAGE_SIZE }).then(
      (value) => {
        if (mine !== seq.current) return;
        setResults({ key: q, ...value });
        setSelected(0);
        setLoading(false);
        clear();
        const first = value.items[0];
        if (openOnArrival.current && first && q === queryRef.current.trim()) openCard(first.id);
        openOnArrival.current = false;
      },
      (err: unknown) => {
        if (mine !== seq.current) return;
        setLoading(false);
        report(err);
      },
    );
  }, [q, filters, page, clear, report]);

  const items = results?.items ?? [];

  function onQueryChange(value: string) {
    openOnArrival.current = false;
    queryRef.current = value;
    setQuery(value);
    setPage(1);
    if (cardId !== null) closeCard();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape' && cardId !== null) {
      event.preventDefault();
      closeCard();
      return;
    }
    if (event.key === 'Enter' && !event.nativeEvent.isComposing && waitsForEnter(query.trim()) && submitted !== query.trim()) {
      // An exact lookup goes out now; its results are shown to choose from.
      event.preventDefault();
      setSubmitted(query.trim());
      return;
    }
    if (event.key === 'Enter' && !event.nativeEvent.isComposing && results?.key !== query.trim()) {
      // Typed faster than the search: the results on the screen belong to an older query.
      event.preventDefault();
      if (query.trim()) openOnArrival.current = true;
      return;
    }
    if (items.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (cardId !== null) return closeCard();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((s) => Math.min(items.length - 1, Math.max(0, s + step)));
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const chosen = items[selected];
      if (chosen) openCard(chosen.id);
    }
  }

  function setFilter(patch: Partial<Filters>) {
    setFilters((prev) => ({ ...prev, ...patch }));
    setPage(1);
  }

  const showingResults = cardId === null;

  return (
    <>
      <PageHeader title={t('accounts.title')} description={t('accounts.description')} actions={<DiagnoseUsername />} />
      <Paper withBorder radius="md" p="md" mb="md" bg="white">
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <TextInput
              ref={input}
              size="md"
              label={t('accounts.search.label')}
              placeholder={t('accounts.search.placeholder')}
              leftSection={<IconSearch size={18} />}
              rightSection={
                loading ? (
                  <Loader size="xs" />
                ) : (
                  <Group gap={2} wrap="nowrap" title={t('accounts.search.shortcutHint')}>
                    <Kbd size="xs">Ctrl</Kbd>
                    <Kbd size="xs">K</Kbd>
                  </Group>
                )
              }
              rightSectionWidth={loading ? 36 : 78}
              rightSectionPointerEvents="none"
              value={query}
              onChange={(e) => onQueryChange(e.currentTarget.value)}
              onKeyDown={onKeyDown}
              maxLength={64}
              autoComplete="off"
              spellCheck={false}
              autoFocus
              role="combobox"
              aria-expanded={showingResults && items.length > 0}
              aria-controls="account-results"
              aria-activedescendant={showingResults && items.length > 0 ? resultRowId(selected) : undefined}
              data-testid="account-search"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, lg: 2 }}>
            <Select
              label={t('accounts.field.category')}
              placeholder={t('accounts.filter.any')}
              data={ACCOUNT_CATEGORIES.map((c) => ({ value: c, label: t(`accounts.category.${c}`) }))}
              value={filters.category}
              onChange={(value) => setFilter({ category: value as AccountCategory | null })}
              clearable
              size="md"
              data-testid="filter-category"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, lg: 2 }}>
            <Select
              label={t('accounts.filter.status')}
              placeholder={t('accounts.filter.any')}
              data={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`accounts.status.${s}`) }))}
              value={filters.status}
              onChange={(value) => setFilter({ status: value as AccountStatus | null })}
              clearable
              size="md"
              data-testid="filter-status"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 4, lg: 2 }}>
            <Select
              label={t('accounts.field.department')}
              placeholder={t('accounts.filter.any')}
              data={departments}
              value={filters.department}
              onChange={(value) => setFilter({ department: value })}
              searchable
              clearable
              nothingFoundMessage={t('accounts.filter.noDepartment')}
              size="md"
              data-testid="filter-department"
            />
          </Grid.Col>
        </Grid>
      </Paper>

      <FormAlert message={formError} />

      {cardId !== null && <AccountCardPanel key={cardId} id={cardId} onBack={() => (closeCard(), input.current?.focus())} />}

      {showingResults && waiting && (
        <Center py={48}>
          <Text c="dimmed" fz="sm" data-testid="search-awaits-enter">
            {t('accounts.search.pressEnter')}
          </Text>
        </Center>
      )}

      {showingResults && !q && !waiting && (
        <Center py={48}>
          <Stack gap="sm" align="center" maw={620} data-testid="search-prompt">
            <Text c="dimmed" fz="sm" ta="center">
              {t('accounts.search.prompt')}
            </Text>
            <Group gap={6} justify="center">
              <Text c="dimmed" fz="sm">
                {t('accounts.search.examples')}
              </Text>
              {EXAMPLES.map((example) => (
                <Code key={example} fz="sm">
                  {example}
                </Code>
              ))}
            </Group>
          </Stack>
        </Center>
      )}

      {showingResults && q && results && items.length === 0 && !loading && (
        <Center py={48}>
          <Text c="dimmed" fz="sm" data-testid="search-empty">
            {t('accounts.search.empty', { query: results.key })}
          </Text>
        </Center>
      )}

      {showingResults && items.length > 0 && (
        <>
          <ResultsTable items={items} selected={selected} onSelect={setSelected} onOpen={(a) => openCard(a.id)} />
          <Group justify="space-between" mt="sm">
            <Text fz="xs" c="dimmed">
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('accounts.search.keysChoose')} · <Kbd size="xs">Enter</Kbd>{' '}
              {t('accounts.search.keysOpen')}
            </Text>
            <Group gap="xs">
              <Text fz="sm" c="dimmed" data-testid="search-page">
                {t('accounts.search.page', { page })}
              </Text>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconChevronLeft size={14} />}
                disabled={page === 1 || loading}
                onClick={() => setPage((p) => Math.max(1, p - 1))}
                data-testid="search-previous"
              >
                {t('accounts.search.previous')}
              </Button>
              <Button
                variant="default"
                size="xs"
                rightSection={<IconChevronRight size={14} />}
                disabled={!results?.hasMore || loading}
                onClick={() => setPage((p) => p + 1)}
                data-testid="search-next"
              >
                {t('accounts.search.next')}
              </Button>
            </Group>
          </Group>
        </>
      )}
    </>
  );
}
