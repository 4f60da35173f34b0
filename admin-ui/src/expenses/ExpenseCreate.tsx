import { Create, SimpleForm } from 'react-admin';
import { ExpenseInputs } from './ExpenseInputs.tsx';

export default function ExpenseCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <ExpenseInputs />
      </SimpleForm>
    </Create>
  );
}
